package io.shopstream.platform.web;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * An API path with a trailing slash is a 404, before security sees it. Access rules name
 * exact paths ({@code /api/v1/users}); a route that also answered {@code /api/v1/users/}
 * would let a request past a rule written for the path without the slash.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class StrictPaths implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().value();
		if (path.startsWith("/api/") && path.endsWith("/")) {
			return Mono.error(new NotFoundException("No such resource: API paths have no trailing slash"));
		}
		return chain.filter(exchange);
	}

}
