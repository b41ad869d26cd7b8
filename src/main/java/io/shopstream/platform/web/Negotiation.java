package io.shopstream.platform.web;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.NotAcceptableStatusException;

/**
 * Content negotiation for JSON resources: a request whose {@code Accept} header rules out
 * JSON gets 406 before the handler runs (a route would otherwise write JSON regardless).
 */
public final class Negotiation {

	private static final List<MediaType> PRODUCIBLE = List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_NDJSON,
			MediaType.APPLICATION_PROBLEM_JSON);

	/** Lets requests through that accept JSON or NDJSON (lists choose between them). */
	public static final HandlerFilterFunction<ServerResponse, ServerResponse> JSON = (request,
			next) -> acceptsJson(request) ? next.handle(request)
					: Mono.error(new NotAcceptableStatusException(PRODUCIBLE));

	private Negotiation() {
	}

	static boolean acceptsJson(ServerRequest request) {
		List<MediaType> accepted = request.headers().accept();
		return accepted.isEmpty() || accepted.stream()
			.filter((type) -> type.getQualityValue() > 0)
			.anyMatch((type) -> PRODUCIBLE.stream().anyMatch(type::isCompatibleWith));
	}

}
