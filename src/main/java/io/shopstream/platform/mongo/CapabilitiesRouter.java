package io.shopstream.platform.mongo;

import java.util.Map;
import java.util.Set;

import io.shopstream.platform.web.Negotiation;
import io.shopstream.platform.web.QueryParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springdoc.core.annotations.RouterOperation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** {@code GET /api/v1/capabilities}: what the connected back-end can do. */
@Configuration(proxyBeanMethods = false)
class CapabilitiesRouter {

	private static final String EXAMPLE = """
			{"backend": "embedded", "server_version": "7.0.0", "topology": "embedded",
			 "capabilities": {"transactions": false, "change_streams": true, "text_search": false}}""";

	@Bean
	@RouterOperation(path = "/api/v1/capabilities", method = RequestMethod.GET,
			operation = @Operation(operationId = "capabilities", tags = "meta",
					summary = "What the connected MongoDB back-end can do",
					description = "The back-end (embedded or mongodb), the server's version and topology, and every "
							+ "optional capability with whether it is present. A request that needs a missing one "
							+ "is answered 501 naming it.",
					responses = @ApiResponse(responseCode = "200",
							content = @Content(schema = @Schema(implementation = Description.class),
									examples = @ExampleObject(EXAMPLE)))))
	RouterFunction<ServerResponse> capabilityRoutes(Capabilities capabilities) {
		Description body = new Description(capabilities.backend(), capabilities.serverVersion(),
				capabilities.topology(), capabilities.asMap());
		return route().GET("/api/v1/capabilities", (request) -> {
			QueryParams.allowOnly(request, Set.of());
			return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
		}).filter(Negotiation.JSON).build();
	}

	/**
	 * The answer: as {@link Capabilities#describe()}, typed for the API description.
	 *
	 * @param capabilities every capability by its key, present or not
	 */
	record Description(String backend, String serverVersion, String topology, Map<String, Boolean> capabilities) {
	}

}
