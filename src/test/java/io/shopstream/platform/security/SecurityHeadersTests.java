package io.shopstream.platform.security;

import io.shopstream.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Hardening headers on every response, and CORS off while no origin is configured. */
@EmbeddedApiTest
class SecurityHeadersTests {

	@Autowired
	WebTestClient client;

	@Test
	void every_response_carries_the_hardening_headers() {
		for (String path : new String[] { "/api/v1/capabilities", "/api/v1/auth/me", "/api/v1/nothing" }) {
			this.client.get()
				.uri(path)
				.exchange()
				.expectHeader()
				.valueEquals("X-Content-Type-Options", "nosniff")
				.expectHeader()
				.valueEquals("X-Frame-Options", "DENY")
				.expectHeader()
				.valueEquals("Referrer-Policy", "no-referrer")
				.expectHeader()
				.valueEquals("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY);
		}
	}

	@Test
	void cross_origin_requests_get_no_cors_grant_by_default() {
		this.client.get()
			.uri("/api/v1/capabilities")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.exchange()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		this.client.options()
			.uri("/api/v1/users")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

}
