package io.shopstream.platform.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request an id, taken from a well-formed incoming {@code X-Request-Id} or
 * made up, echoed in the response header and in every problem document and error log
 * line.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationId implements WebFilter {

	/** The request and response header that carries the id. */
	public static final String HEADER = "X-Request-Id";

	private static final String ATTRIBUTE = CorrelationId.class.getName();

	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{8,64}");

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String id = of(exchange);
		exchange.getResponse().getHeaders().set(HEADER, id);
		return chain.filter(exchange);
	}

	/**
	 * A random id for correlation only, not a secret: {@code UUID.randomUUID()} would
	 * read /dev/urandom, a file read on an event-loop thread.
	 */
	private static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return new UUID(random.nextLong(), random.nextLong()).toString();
	}

	/** The exchange's id, assigned on first use. */
	public static String of(ServerWebExchange exchange) {
		String id = exchange.getAttribute(ATTRIBUTE);
		if (id == null) {
			String incoming = exchange.getRequest().getHeaders().getFirst(HEADER);
			id = (incoming != null && WELL_FORMED.matcher(incoming).matches()) ? incoming : newId();
			exchange.getAttributes().put(ATTRIBUTE, id);
		}
		return id;
	}

}
