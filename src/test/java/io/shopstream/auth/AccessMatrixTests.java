package io.shopstream.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.shopstream.support.Accounts;
import io.shopstream.support.Accounts.Account;
import io.shopstream.support.EmbeddedApiTest;
import io.shopstream.support.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every endpoint against every kind of caller, pair by pair: anonymous, a user acting on
 * themselves, a user acting on someone else, and an admin. Someone else's user id answers 404,
 * exactly like an id that does not exist.
 */
@EmbeddedApiTest
class AccessMatrixTests {

	@Autowired
	WebTestClient anonymous;

	@TestFactory
	List<DynamicTest> every_endpoint_for_every_caller() {
		WebTestClient admin = Accounts.admin(this.anonymous);
		Account user = Accounts.signUp(this.anonymous, "matrix");
		Account other = Accounts.signUp(this.anonymous, "other");
		List<DynamicTest> rows = new ArrayList<>();
		Callers callers = new Callers(this.anonymous, user.client(), admin);

		callers.expect(rows, "POST /users", (c) -> c.method(HttpMethod.POST).uri("/api/v1/users")
			.contentType(MediaType.APPLICATION_JSON).bodyValue(Fixtures.newUserJson(Fixtures.unique("made"))), 401, 403, 201);
		callers.expect(rows, "GET /users", (c) -> c.get().uri("/api/v1/users"), 401, 403, 200);
		callers.expect(rows, "GET /users/{own id}", (c) -> c.get().uri("/api/v1/users/{id}", user.id()), 401, 200, 200);
		callers.expect(rows, "GET /users/{other id}", (c) -> c.get().uri("/api/v1/users/{id}", other.id()), 401, 404, 200);
		callers.expect(rows, "PATCH /users/{own id} profile", (c) -> c.patch().uri("/api/v1/users/{id}", user.id())
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"profile\": {\"bio\": \"hi\"}}"), 401, 200, 200);
		callers.expect(rows, "PATCH /users/{own id} role", (c) -> c.patch().uri("/api/v1/users/{id}", user.id())
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"role\": \"user\"}"), 401, 403, 200);
		callers.expect(rows, "PATCH /users/{own id} status", (c) -> c.patch().uri("/api/v1/users/{id}", user.id())
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"status\": \"active\"}"), 401, 403, 200);
		callers.expect(rows, "PATCH /users/{other id}", (c) -> c.patch().uri("/api/v1/users/{id}", other.id())
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"profile\": {\"bio\": \"hi\"}}"), 401, 404, 200);
		callers.expect(rows, "DELETE /users/{other id}", (c) -> c.delete().uri("/api/v1/users/{id}",
				Accounts.signUp(this.anonymous, "victim").id()), 401, 404, 204);
		callers.expect(rows, "POST /auth/register", (c) -> c.post().uri("/api/v1/auth/register")
			.contentType(MediaType.APPLICATION_JSON).bodyValue(Fixtures.newUserJson(Fixtures.unique("reg"))), 201, 201, 201);
		callers.expect(rows, "GET /auth/me", (c) -> c.get().uri("/api/v1/auth/me"), 401, 200, 200);
		callers.expect(rows, "GET /capabilities", (c) -> c.get().uri("/api/v1/capabilities"), 200, 200, 200);
		callers.expect(rows, "GET /actuator/health/readiness", (c) -> c.get().uri("/actuator/health/readiness"), 200,
				200, 200);
		callers.expect(rows, "GET /v3/api-docs", (c) -> c.get().uri("/v3/api-docs"), 200, 200, 200);

		rows.add(DynamicTest.dynamicTest("DELETE /users/{own id} as user -> 204", () -> {
			Account leaving = Accounts.signUp(this.anonymous, "leaving");
			leaving.client().delete().uri("/api/v1/users/{id}", leaving.id()).exchange().expectStatus().isNoContent();
		}));
		rows.add(DynamicTest.dynamicTest("POST /auth/logout as anonymous -> 401", () -> this.anonymous.post()
			.uri("/api/v1/auth/logout").exchange().expectStatus().isUnauthorized()));
		rows.add(DynamicTest.dynamicTest("POST /auth/logout as user -> 204", () -> Accounts.signUp(this.anonymous, "out")
			.client().post().uri("/api/v1/auth/logout").exchange().expectStatus().isNoContent()));
		rows.add(DynamicTest.dynamicTest("GET /users/{unknown id} as user -> 404, like someone else's",
				() -> user.client().get().uri("/api/v1/users/{id}", "0123456789abcdef01234567").exchange()
					.expectStatus().isNotFound()));
		return rows;
	}

	private record Callers(WebTestClient anonymous, WebTestClient user, WebTestClient admin) {

		void expect(List<DynamicTest> rows, String endpoint,
				Function<WebTestClient, WebTestClient.RequestHeadersSpec<?>> request, int asAnonymous, int asUser,
				int asAdmin) {
			rows.add(row(endpoint, "anonymous", this.anonymous, request, asAnonymous));
			rows.add(row(endpoint, "user", this.user, request, asUser));
			rows.add(row(endpoint, "admin", this.admin, request, asAdmin));
		}

		private static DynamicTest row(String endpoint, String caller, WebTestClient client,
				Function<WebTestClient, WebTestClient.RequestHeadersSpec<?>> request, int status) {
			return DynamicTest.dynamicTest(endpoint + " as " + caller + " -> " + status,
					() -> request.apply(client).exchange().expectStatus().isEqualTo(status));
		}

	}

}
