package io.shopstream.platform.web;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The JSON answers every handler gives for one resource. Lists go through
 * {@code ListResponses}.
 */
public final class Responses {

	private Responses() {
	}

	/** 200 with the resource as JSON. */
	public static Mono<ServerResponse> ok(Object body) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

	/** 201 with the new resource as JSON and its address in {@code Location}. */
	public static Mono<ServerResponse> created(String location, Object body) {
		return ServerResponse.created(URI.create(location)).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

}
