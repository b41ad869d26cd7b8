package io.shopstream.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.shopstream.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the API is in the OpenAPI description, each request and success
 * response with an example.
 */
@EmbeddedApiTest
@SuppressWarnings("unchecked")
class OpenApiDocumentationTests {

	@Autowired
	WebTestClient client;

	@Test
	void every_request_body_and_success_response_has_an_example() {
		Map<String, Object> api = this.client.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) api.get("paths");
		assertThat(paths).containsKeys("/api/v1/users", "/api/v1/auth/login", "/api/v1/products",
				"/api/v1/products/bulk", "/api/v1/inventory/{sku}", "/api/v1/orders", "/api/v1/orders/{id}/status",
				"/api/v1/orders/export", "/api/v1/users/{id}/orders", "/api/v1/stores", "/api/v1/transfers",
				"/api/v1/transfers/{id}", "/api/v1/users/{id}/balance/adjustments", "/api/v1/users/{id}/ledger");
		List<String> missing = new ArrayList<>();
		paths.forEach((path, operations) -> operations.forEach((method, value) -> {
			Map<String, Object> operation = (Map<String, Object>) value;
			Map<String, Object> body = (Map<String, Object>) operation.get("requestBody");
			if (body != null && !hasExample((Map<String, Object>) body.get("content"))) {
				missing.add(method + " " + path + " request");
			}
			Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
			responses.forEach((status, response) -> {
				Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) response).get("content");
				if (status.startsWith("2") && !status.equals("204") && content != null && !hasExample(content)) {
					missing.add(method + " " + path + " " + status);
				}
			});
		}));
		assertThat(missing).as("operations without an example").isEmpty();
	}

	private static boolean hasExample(Map<String, Object> content) {
		return content != null && content.values()
			.stream()
			.map((type) -> (Map<String, Object>) type)
			.anyMatch((type) -> type.containsKey("examples") || type.containsKey("example"));
	}

}
