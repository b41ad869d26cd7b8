package io.shopstream.platform.security;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With origins configured, exactly those origins may call the API from a browser, with
 * credentials.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "shopstream.security.cors-allowed-origins=https://shop.example")
@AutoConfigureWebTestClient
@ActiveProfiles("test")
class CorsTests {

	@Autowired
	WebTestClient client;

	@Test
	void a_configured_origin_is_granted_and_any_other_is_refused() {
		this.client.options()
			.uri("/api/v1/users")
			.header(HttpHeaders.ORIGIN, "https://shop.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://shop.example")
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
		this.client.options()
			.uri("/api/v1/users")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
		this.client.get()
			.uri("/api/v1/capabilities")
			.header(HttpHeaders.ORIGIN, "https://shop.example")
			.exchange()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
					"Link, Location, Retry-After, RateLimit, RateLimit-Policy, X-Request-Id");
	}

	@Test
	void a_header_nothing_reads_is_not_allowed_across_origins() {
		this.client.options()
			.uri("/api/v1/orders")
			.header(HttpHeaders.ORIGIN, "https://shop.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "idempotency-key")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS);
	}

}
