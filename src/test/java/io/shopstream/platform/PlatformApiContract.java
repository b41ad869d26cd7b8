package io.shopstream.platform;

import java.util.Map;

import io.shopstream.support.Accounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every deployment serves besides the features: capabilities, health, metrics, the
 * OpenAPI description and problem documents for unknown paths.
 */
abstract class PlatformApiContract {

	@Autowired
	WebTestClient client;

	@Test
	@SuppressWarnings("unchecked")
	void serves_capabilities_at_the_api_and_in_actuator_info() {
		Map<String, Object> capabilities = this.client.get()
			.uri("/api/v1/capabilities")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(capabilities).containsKeys("backend", "server_version", "topology", "capabilities");
		assertThat((Map<String, Object>) capabilities.get("capabilities")).containsKeys("transactions",
				"change_streams", "text_search", "geo_queries", "schema_validation", "explain");
		this.client.get()
			.uri("/actuator/info")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.mongodb.backend")
			.isEqualTo(capabilities.get("backend"));
	}

	@Test
	void reports_ready_and_live_with_mongodb_up() {
		this.client.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		this.client.get()
			.uri("/actuator/health/liveness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

	@Test
	void exposes_the_driver_pool_and_command_metrics_to_prometheus() {
		this.client.get().uri("/api/v1/capabilities").exchange().expectStatus().isOk();
		String metrics = this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(metrics).contains("mongodb_driver_pool_size").contains("mongodb_driver_commands_seconds_count");
	}

	@Test
	void describes_the_api_in_openapi() {
		this.client.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/api/v1/users'].post.operationId")
			.isEqualTo("createUser")
			.jsonPath("$.paths['/api/v1/users/{id}'].get.operationId")
			.isEqualTo("getUser");
	}

	@Test
	void answers_an_unknown_path_with_a_problem_and_echoes_the_request_id() {
		Accounts.admin(this.client)
			.get()
			.uri("/api/v1/nothing-here")
			.header("X-Request-Id", "test-request-0001")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals("X-Request-Id", "test-request-0001")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404)
			.jsonPath("$.correlation_id")
			.isEqualTo("test-request-0001")
			.jsonPath("$.instance")
			.isEqualTo("/api/v1/nothing-here");
		this.client.get()
			.uri("/api/v1/capabilities")
			.header("X-Request-Id", "not a well-formed id!")
			.exchange()
			.expectHeader()
			.value("X-Request-Id", (id) -> assertThat(id).matches("[0-9a-f-]{36}"));
	}

}
