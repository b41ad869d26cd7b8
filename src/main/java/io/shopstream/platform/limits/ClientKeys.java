package io.shopstream.platform.limits;

import java.net.InetSocketAddress;
import java.util.Optional;

import io.shopstream.platform.security.Caller;
import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Who a limit counts against: the account when the request is signed in, the client
 * address otherwise. Behind a proxy the address is the forwarded one only where Spring
 * Boot is told to trust forwarded headers ({@code server.forward-headers-strategy}).
 */
final class ClientKeys {

	private ClientKeys() {
	}

	static Mono<String> of(ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.map((principal) -> account(principal.getName()))
			.defaultIfEmpty(address(exchange));
	}

	static String of(ServerWebExchange exchange, Optional<Caller> caller) {
		return caller.map((signedIn) -> account(signedIn.userId())).orElseGet(() -> address(exchange));
	}

	private static String account(String userId) {
		return "account:" + userId;
	}

	/**
	 * The address as the connection (or a trusted proxy) gives it; never looked up in
	 * DNS.
	 */
	private static String address(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (remote == null) {
			return "address:unknown";
		}
		return "address:"
				+ ((remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString());
	}

}
