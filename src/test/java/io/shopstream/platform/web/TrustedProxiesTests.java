package io.shopstream.platform.web;

import java.net.InetSocketAddress;
import java.util.List;

import io.shopstream.platform.web.TrustedProxies.FromTrustedProxies;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Forwarded headers move the client's address only when the proxy that sent them is
 * trusted; from anyone else they are dropped, and the peer's own address stands.
 */
class TrustedProxiesTests {

	private final FromTrustedProxies transformer = new FromTrustedProxies(List.of("10.0.0.0/8", " 192.168.1.7"));

	@Test
	void a_trusted_proxy_names_the_client() {
		ServerHttpRequest request = this.transformer.apply(from("10.42.0.3", "X-Forwarded-For", "203.0.113.7"));
		assertThat(request.getRemoteAddress().getHostString()).isEqualTo("203.0.113.7");
		assertThat(this.transformer.apply(from("192.168.1.7", "Forwarded", "for=198.51.100.1"))
			.getRemoteAddress()
			.getHostString()).isEqualTo("198.51.100.1");
	}

	@Test
	void anyone_else_keeps_their_own_address_and_loses_the_headers() {
		ServerHttpRequest request = this.transformer
			.apply(from("203.0.113.50", "X-Forwarded-For", "198.51.100.1", "Forwarded", "for=198.51.100.2"));
		assertThat(request.getRemoteAddress().getHostString()).isEqualTo("203.0.113.50");
		assertThat(request.getHeaders().headerNames()).doesNotContain("X-Forwarded-For", "Forwarded");
		assertThat(this.transformer.apply(from("192.168.1.8", "X-Forwarded-For", "198.51.100.1"))
			.getRemoteAddress()
			.getHostString()).as("next to a trusted address, not in range").isEqualTo("192.168.1.8");
	}

	@Test
	void without_trusted_proxies_every_peer_is_believed_as_spring_does() {
		ServerHttpRequest request = new FromTrustedProxies(List.of())
			.apply(from("203.0.113.50", "X-Forwarded-For", "198.51.100.1"));
		assertThat(request.getRemoteAddress().getHostString()).isEqualTo("198.51.100.1");
	}

	@Test
	void a_trusted_proxy_that_is_not_an_address_or_range_stops_start_up() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FromTrustedProxies(List.of("proxy.internal")))
			.withMessageContaining("'proxy.internal' is not an IP address or CIDR range");
		assertThatIllegalArgumentException().isThrownBy(() -> new FromTrustedProxies(List.of("10.0.0.0/33")))
			.withMessageContaining("prefix length");
		assertThat(new FromTrustedProxies(List.of("fd00::/8")).apply(from("fd12::1", "X-Forwarded-For", "203.0.113.9"))
			.getRemoteAddress()
			.getHostString()).isEqualTo("203.0.113.9");
	}

	private static ServerHttpRequest from(String peer, String... headers) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest
			.get("http://shop.example.com/api/v1/products")
			.remoteAddress(new InetSocketAddress(peer, 40000));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return request.build();
	}

}
