package io.shopstream.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.shopstream.support.Accounts;
import io.shopstream.support.Accounts.Account;
import io.shopstream.support.Catalogue;
import io.shopstream.support.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every endpoint against every kind of caller, pair by pair: anonymous, a user acting on
 * themselves, a user acting on someone else, and an admin. Someone else's user id answers
 * 404, exactly like an id that does not exist. Run on the embedded back-end by
 * {@link AccessMatrixTests} and on a real MongoDB by {@link AccessMatrixOnMongoDbTests}.
 */
abstract class AccessMatrixContract {

	@Autowired
	WebTestClient anonymous;

	@TestFactory
	List<DynamicTest> every_endpoint_for_every_caller() {
		WebTestClient admin = Accounts.admin(this.anonymous);
		Account user = Accounts.signUp(this.anonymous, "matrix");
		Account other = Accounts.signUp(this.anonymous, "other");
		List<DynamicTest> rows = new ArrayList<>();
		Callers callers = new Callers(this.anonymous, user.client(), admin);

		callers.expect(rows, "POST /users",
				(c) -> c.method(HttpMethod.POST)
					.uri("/api/v1/users")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Fixtures.newUserJson(Fixtures.unique("made"))),
				401, 403, 201);
		callers.expect(rows, "GET /users", (c) -> c.get().uri("/api/v1/users"), 401, 403, 200);
		callers.expect(rows, "GET /users/{own id}", (c) -> c.get().uri("/api/v1/users/{id}", user.id()), 401, 200, 200);
		callers.expect(rows, "GET /users/{other id}", (c) -> c.get().uri("/api/v1/users/{id}", other.id()), 401, 404,
				200);
		callers.expect(rows, "PATCH /users/{own id} profile",
				(c) -> c.patch()
					.uri("/api/v1/users/{id}", user.id())
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("{\"profile\": {\"bio\": \"hi\"}}"),
				401, 200, 200);
		callers.expect(rows, "PATCH /users/{own id} role",
				(c) -> c.patch()
					.uri("/api/v1/users/{id}", user.id())
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("{\"role\": \"user\"}"),
				401, 403, 200);
		callers.expect(rows, "PATCH /users/{own id} status",
				(c) -> c.patch()
					.uri("/api/v1/users/{id}", user.id())
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("{\"status\": \"active\"}"),
				401, 403, 200);
		callers.expect(rows, "PATCH /users/{other id}",
				(c) -> c.patch()
					.uri("/api/v1/users/{id}", other.id())
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("{\"profile\": {\"bio\": \"hi\"}}"),
				401, 404, 200);
		callers.expect(rows, "DELETE /users/{other id}",
				(c) -> c.delete().uri("/api/v1/users/{id}", Accounts.signUp(this.anonymous, "victim").id()), 401, 404,
				204);
		callers.expect(rows, "GET /users/{own id}/ledger", (c) -> c.get().uri("/api/v1/users/{id}/ledger", user.id()),
				401, 200, 200);
		callers.expect(rows, "GET /users/{other id}/ledger",
				(c) -> c.get().uri("/api/v1/users/{id}/ledger", other.id()), 401, 404, 200);
		// An empty body: the admin's answer is its 400, on both back-ends.
		callers.expect(rows, "POST /users/{own id}/balance/adjustments",
				(c) -> c.post()
					.uri("/api/v1/users/{id}/balance/adjustments", user.id())
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("{}"),
				401, 403, 400);
		callers.expect(rows, "GET /transfers", (c) -> c.get().uri("/api/v1/transfers"), 401, 200, 200);
		callers.expect(rows, "GET /transfers?user={other id}",
				(c) -> c.get().uri("/api/v1/transfers?user={id}", other.id()), 401, 403, 200);
		callers.expect(rows, "POST /transfers from {other id}", (c) -> c.post()
			.uri("/api/v1/transfers")
			.header("Idempotency-Key", Fixtures.unique("matrix-"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"from\": \"%s\", \"to\": \"%s\", \"amount\": \"0\"}".formatted(other.id(), user.id())), 401,
				403, 400);
		callers.expect(rows, "POST /auth/register",
				(c) -> c.post()
					.uri("/api/v1/auth/register")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Fixtures.newUserJson(Fixtures.unique("reg"))),
				201, 201, 201);
		callers.expect(rows, "GET /auth/me", (c) -> c.get().uri("/api/v1/auth/me"), 401, 200, 200);
		callers.expect(rows, "GET /capabilities", (c) -> c.get().uri("/api/v1/capabilities"), 200, 200, 200);
		callers.expect(rows, "GET /actuator/health/readiness", (c) -> c.get().uri("/actuator/health/readiness"), 200,
				200, 200);
		callers.expect(rows, "GET /v3/api-docs", (c) -> c.get().uri("/v3/api-docs"), 200, 200, 200);

		catalogueAndOrders(rows, callers, admin, user, other);

		rows.add(DynamicTest.dynamicTest("DELETE /users/{own id} as user -> 204", () -> {
			Account leaving = Accounts.signUp(this.anonymous, "leaving");
			leaving.client().delete().uri("/api/v1/users/{id}", leaving.id()).exchange().expectStatus().isNoContent();
		}));
		rows.add(DynamicTest.dynamicTest("POST /auth/logout as anonymous -> 401",
				() -> this.anonymous.post().uri("/api/v1/auth/logout").exchange().expectStatus().isUnauthorized()));
		rows.add(DynamicTest.dynamicTest("POST /auth/logout as user -> 204",
				() -> Accounts.signUp(this.anonymous, "out")
					.client()
					.post()
					.uri("/api/v1/auth/logout")
					.exchange()
					.expectStatus()
					.isNoContent()));
		rows.add(DynamicTest.dynamicTest("GET /users/{unknown id} as user -> 404, like someone else's",
				() -> user.client()
					.get()
					.uri("/api/v1/users/{id}", "0123456789abcdef01234567")
					.exchange()
					.expectStatus()
					.isNotFound()));
		return rows;
	}

	private void catalogueAndOrders(List<DynamicTest> rows, Callers callers, WebTestClient admin, Account user,
			Account other) {
		String sku = Fixtures.unique("MX-");
		String product = Catalogue.product(admin, sku, "3.00", null);
		Catalogue.stock(admin, sku, 1000);
		String ownOrder = placed(user.client(), sku);
		String othersOrder = placed(other.client(), sku);
		String draft = "{\"sku\": \"" + sku
				+ "\", \"name\": \"Matrix\", \"pricing\": {\"base_price\": \"3.00\", \"currency\": \"USD\"}}";

		callers.expect(rows, "GET /products", (c) -> c.get().uri("/api/v1/products"), 200, 200, 200);
		callers.expect(rows, "GET /products/{id}", (c) -> c.get().uri("/api/v1/products/{id}", product), 200, 200, 200);
		callers.expect(rows, "POST /products",
				(c) -> c.post()
					.uri("/api/v1/products")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(draft.replace(sku, Fixtures.unique("MXN-"))),
				401, 403, 201);
		callers.expect(rows, "PUT /products/{id}",
				(c) -> c.put()
					.uri("/api/v1/products/{id}", product)
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(draft),
				401, 403, 200);
		callers.expect(rows, "DELETE /products/{id}",
				(c) -> c.delete()
					.uri("/api/v1/products/{id}", Catalogue.product(admin, Fixtures.unique("MXD-"), "1.00", null)),
				401, 403, 204);
		callers.expect(rows, "POST /products/bulk",
				(c) -> c.post().uri("/api/v1/products/bulk").contentType(MediaType.APPLICATION_NDJSON).bodyValue(draft),
				401, 403, 200);
		callers.expect(rows, "POST /products/{id}/views", (c) -> c.post().uri("/api/v1/products/{id}/views", product),
				204, 204, 204);
		callers.expect(rows, "GET /products/{id}/views", (c) -> c.get().uri("/api/v1/products/{id}/views", product),
				200, 200, 200);
		callers.expect(rows, "GET /inventory/{sku}", (c) -> c.get().uri("/api/v1/inventory/{sku}", sku), 200, 200, 200);
		callers.expect(rows, "PUT /inventory/{sku}",
				(c) -> c.put()
					.uri("/api/v1/inventory/{sku}", sku)
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("{\"quantity\": 1000}"),
				401, 403, 200);
		callers.expect(rows, "POST /inventory/{sku}/adjust",
				(c) -> c.post()
					.uri("/api/v1/inventory/{sku}/adjust", sku)
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("{\"delta\": 1}"),
				401, 403, 200);
		callers.expect(rows, "POST /orders",
				(c) -> c.post()
					.uri("/api/v1/orders")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Catalogue.order(sku, "1")),
				401, 201, 201);
		callers.expect(rows, "GET /orders", (c) -> c.get().uri("/api/v1/orders"), 401, 200, 200);
		callers.expect(rows, "GET /orders/{own order}", (c) -> c.get().uri("/api/v1/orders/{id}", ownOrder), 401, 200,
				200);
		callers.expect(rows, "GET /orders/{other's order}", (c) -> c.get().uri("/api/v1/orders/{id}", othersOrder), 401,
				404, 200);
		callers.expect(rows, "POST /orders/{own order}/status processing",
				(c) -> c.post()
					.uri("/api/v1/orders/{id}/status", ownOrder)
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("{\"status\": \"processing\"}"),
				401, 403, 200);
		callers.expect(rows, "POST /orders/{other's order}/status cancelled",
				(c) -> c.post()
					.uri("/api/v1/orders/{id}/status", othersOrder)
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("{\"status\": \"cancelled\"}"),
				401, 404, 200);
		callers.expect(rows, "GET /orders/export", (c) -> c.get().uri("/api/v1/orders/export"), 401, 403, 200);
		callers.expect(rows, "GET /users/{own id}/orders", (c) -> c.get().uri("/api/v1/users/{id}/orders", user.id()),
				401, 200, 200);
		callers.expect(rows, "GET /users/{other id}/orders",
				(c) -> c.get().uri("/api/v1/users/{id}/orders", other.id()), 401, 404, 200);
		callers.expect(rows, "GET /stores", (c) -> c.get().uri("/api/v1/stores"), 200, 200, 200);
		callers.expect(rows, "POST /stores",
				(c) -> c.post()
					.uri("/api/v1/stores")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("{\"name\": \"Matrix store\", \"longitude\": 2.35, \"latitude\": 48.85}"),
				401, 403, 201);
	}

	private static String placed(WebTestClient client, String sku) {
		return (String) client.post()
			.uri("/api/v1/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Catalogue.order(sku, "1"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("id");
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
