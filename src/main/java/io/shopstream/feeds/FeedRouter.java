package io.shopstream.feeds;

import io.micrometer.observation.ObservationPredicate;
import io.shopstream.platform.web.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springdoc.core.annotations.RouterOperation;
import org.springdoc.core.annotations.RouterOperations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The feed route, its API documentation, and no request observation for feed connections.
 */
@Configuration(proxyBeanMethods = false)
class FeedRouter {

	private static final String EXAMPLE = """
			retry: 3000

			id: 8263F1D2A8000000012B022C0100296E5A1004...
			event: update
			data: {"id":"665f1c2e8b3e4a1d2c3b4a61","sku":"PROD-123","quantity":100,"reserved":6,"available":94,"document_key":{"id":"665f1c2e8b3e4a1d2c3b4a61"},"cluster_time":"2026-11-25T16:48:14Z"}

			: heartbeat
			""";

	@Bean
	@RouterOperations(@RouterOperation(path = "/api/v1/feeds/{feed}", method = RequestMethod.GET,
			beanClass = FeedHandler.class, beanMethod = "subscribe",
			operation = @Operation(operationId = "subscribeToFeed",
					description = "A live feed of changes as Server-Sent Events: `id` is the resume token, `event` the operation, `data` the document as the REST API shows it. Send Last-Event-ID (or last_event_id) to resume right after an event; a resync event says when that is no longer possible. Filters depend on the feed.",
					tags = "feeds",
					summary = "Server-Sent Events of changes to users (admin), orders (own; admin all) or inventory (public)",
					parameters = {
							@Parameter(in = ParameterIn.PATH, name = "feed", example = "inventory",
									description = "users, orders or inventory",
									schema = @Schema(type = "string",
											allowableValues = { "users", "orders", "inventory" })),
							@Parameter(in = ParameterIn.HEADER, name = "Last-Event-ID",
									description = "resume right after this event"),
							@Parameter(in = ParameterIn.QUERY, name = "last_event_id"),
							@Parameter(in = ParameterIn.QUERY, name = "status",
									description = "orders: an order status; users: a user status",
									schema = @Schema(type = "string",
											allowableValues = { "pending", "processing", "shipped", "delivered",
													"cancelled", "active", "inactive", "suspended", "deleted" })),
							@Parameter(in = ParameterIn.QUERY, name = "role", description = "users",
									schema = @Schema(type = "string", allowableValues = { "admin", "user", "guest" })),
							@Parameter(in = ParameterIn.QUERY, name = "sku", description = "inventory"),
							@Parameter(in = ParameterIn.QUERY, name = "below_reorder_point", description = "inventory",
									schema = @Schema(type = "boolean")) },
					responses = {
							@ApiResponse(responseCode = "200",
									content = @Content(mediaType = "text/event-stream",
											examples = @ExampleObject(EXAMPLE))),
							@ApiResponse(responseCode = "403",
									description = "The users feed is for admins; the orders feed for signed-in users",
									content = @Content(mediaType = "application/problem+json",
											schema = @Schema(implementation = Problem.class))) })))
	RouterFunction<ServerResponse> feedRoutes(FeedHandler handler) {
		return route().GET(Feed.PATH_PREFIX + "{feed}", handler::subscribe).build();
	}

	/**
	 * No {@code http.server.requests} observation for feed connections: it would hold its
	 * context, timer sample and tags for as long as each connection stays open (hours,
	 * for thousands of browsers) to record one duration nobody reads. Feeds have their
	 * own metrics (see {@link FeedMetrics}).
	 */
	@Bean
	ObservationPredicate noRequestObservationForFeeds() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& request.getCarrier().getPath().value().startsWith(Feed.PATH_PREFIX));
	}

}
