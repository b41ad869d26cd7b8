package io.shopstream.orders;

import java.util.List;
import java.util.Map;

import io.shopstream.support.Accounts;
import io.shopstream.support.Accounts.Account;
import io.shopstream.support.Catalogue;
import io.shopstream.support.Fixtures;
import org.assertj.core.api.MapAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders as customers and admins use them: placement, totals, stock, lifecycle, reads,
 * export.
 */
@SuppressWarnings("unchecked")
abstract class OrderApiContract {

	@Autowired
	WebTestClient anonymous;

	WebTestClient admin;

	Account customer;

	@BeforeEach
	void signIn() {
		this.admin = Accounts.admin(this.anonymous);
		this.customer = Accounts.signUp(this.anonymous, "buyer");
	}

	@Test
	void places_an_order_with_exact_totals_snapshots_and_a_number() {
		String sku = Fixtures.unique("ORD-");
		Catalogue.product(this.admin, sku, "19.99", null);
		Catalogue.stock(this.admin, sku, 10);
		Map<String, Object> order = place(this.customer.client(), Catalogue.order(sku, "3"), 201);
		assertThat((String) order.get("order_number")).matches("ORD-\\d{4}-\\d{6}");
		assertThat(order).containsEntry("status", "pending");
		assertThat((Map<String, Object>) order.get("totals")).containsEntry("subtotal", "59.97")
			.containsEntry("tax", "4.80")
			.containsEntry("shipping", "5.00")
			.containsEntry("discount", "0.00")
			.containsEntry("total", "69.77")
			.containsEntry("currency", "USD");
		Map<String, Object> user = (Map<String, Object>) order.get("user");
		assertThat(user).containsEntry("id", this.customer.id())
			.containsEntry("email", this.customer.username() + "@example.com");
		Map<String, Object> item = ((List<Map<String, Object>>) order.get("items")).get(0);
		assertThat(item).containsEntry("sku", sku)
			.containsEntry("price", "19.99")
			.containsEntry("quantity", 3)
			.containsEntry("subtotal", "59.97");
		assertThat(((List<?>) order.get("status_history"))).hasSize(1);
		stock(sku).containsEntry("available", 7).containsEntry("reserved", 3);
	}

	@Test
	void short_stock_is_a_409_naming_the_sku_and_nothing_stays_reserved() {
		String plenty = Fixtures.unique("OK-");
		String scarce = Fixtures.unique("SC-");
		Catalogue.product(this.admin, plenty, "1.00", null);
		Catalogue.product(this.admin, scarce, "1.00", null);
		Catalogue.stock(this.admin, plenty, 10);
		Catalogue.stock(this.admin, scarce, 1);
		this.customer.client()
			.post()
			.uri("/api/v1/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Catalogue.order(plenty, "5", scarce, "2"))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("sku")
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains(scarce));
		stock(plenty).containsEntry("available", 10).containsEntry("reserved", 0);
		stock(scarce).containsEntry("available", 1).containsEntry("reserved", 0);
	}

	@Test
	void refuses_unknown_skus_repeated_skus_and_bad_lines() {
		String sku = Fixtures.unique("V-");
		Catalogue.product(this.admin, sku, "1.00", null);
		Catalogue.stock(this.admin, sku, 10);
		place(this.customer.client(), Catalogue.order("NO-SUCH-SKU", "1"), 400);
		place(this.customer.client(), Catalogue.order(sku, "1", sku, "2"), 400);
		place(this.customer.client(), Catalogue.order(sku, "0"), 400);
		// A fraction is refused, never truncated to a whole number.
		place(this.customer.client(), Catalogue.order(sku, "1.5"), 400);
		place(this.customer.client(), "{\"items\": [], \"payment_method\": \"card\"}", 400);
		place(this.customer.client(), Catalogue.order(sku, "1").replace("\"card\"", "\"barter\""), 400);
		this.customer.client()
			.post()
			.uri("/api/v1/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Catalogue.order(sku, "1")
				.replace("\"payment_method\"", "\"totals\": {\"total\": \"0.01\"}, \"payment_method\""))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("totals");
		stock(sku).containsEntry("available", 10);
	}

	@Test
	void moves_through_the_lifecycle_recording_who_and_when() {
		String sku = Fixtures.unique("LC-");
		Catalogue.product(this.admin, sku, "2.00", null);
		Catalogue.stock(this.admin, sku, 10);
		String id = (String) place(this.customer.client(), Catalogue.order(sku, "4"), 201).get("id");

		status(this.customer.client(), id, "processing", 403);
		status(this.admin, id, "shipped", 409);
		status(this.admin, id, "processing", 200);
		status(this.admin, id, "shipped", 200);
		stock(sku).containsEntry("quantity", 6).containsEntry("reserved", 0).containsEntry("available", 6);
		status(this.admin, id, "cancelled", 409);
		Map<String, Object> delivered = status(this.admin, id, "delivered", 200);
		List<Map<String, Object>> history = (List<Map<String, Object>>) delivered.get("status_history");
		assertThat(history).extracting((step) -> step.get("status"))
			.containsExactly("pending", "processing", "shipped", "delivered");
		assertThat(history.get(0)).containsEntry("by", this.customer.id());
		assertThat(history.get(1)).containsKey("at").doesNotContainEntry("by", this.customer.id());
		status(this.admin, id, "pending", 409);
	}

	@Test
	void cancelling_releases_the_stock_and_the_owner_may_cancel() {
		String sku = Fixtures.unique("CX-");
		Catalogue.product(this.admin, sku, "2.00", null);
		Catalogue.stock(this.admin, sku, 10);
		String id = (String) place(this.customer.client(), Catalogue.order(sku, "4"), 201).get("id");
		stock(sku).containsEntry("available", 6);
		status(this.customer.client(), id, "cancelled", 200);
		stock(sku).containsEntry("available", 10).containsEntry("reserved", 0);
		status(this.customer.client(), id, "cancelled", 409);
	}

	@Test
	void a_customer_sees_only_their_own_orders() {
		String sku = Fixtures.unique("OWN-");
		Catalogue.product(this.admin, sku, "2.00", null);
		Catalogue.stock(this.admin, sku, 10);
		String mine = (String) place(this.customer.client(), Catalogue.order(sku, "1"), 201).get("id");
		Account other = Accounts.signUp(this.anonymous, "other");
		String theirs = (String) place(other.client(), Catalogue.order(sku, "1"), 201).get("id");

		assertThat(ids(this.customer.client(), "/api/v1/orders?limit=1000")).contains(mine).doesNotContain(theirs);
		assertThat(ids(this.customer.client(), "/api/v1/orders?user_id=" + other.id())).doesNotContain(theirs);
		this.customer.client().get().uri("/api/v1/orders/{id}", theirs).exchange().expectStatus().isNotFound();
		this.customer.client()
			.get()
			.uri("/api/v1/users/{id}/orders", other.id())
			.exchange()
			.expectStatus()
			.isNotFound();
		status(this.customer.client(), theirs, "cancelled", 404);
		assertThat(ids(this.admin, "/api/v1/orders?user_id=" + other.id())).containsExactly(theirs);
		assertThat(ids(this.admin, "/api/v1/orders?user_id=" + other.id() + "&status=delivered")).isEmpty();
		assertThat(ids(this.admin,
				"/api/v1/orders?user_id=" + other.id() + "&from=2000-01-01T00:00:00Z&to=2001-01-01T00:00:00Z"))
			.isEmpty();
		this.anonymous.get().uri("/api/v1/orders").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void joins_a_user_with_their_orders_newest_first() {
		String sku = Fixtures.unique("LK-");
		Catalogue.product(this.admin, sku, "2.00", null);
		Catalogue.stock(this.admin, sku, 10);
		String first = (String) place(this.customer.client(), Catalogue.order(sku, "1"), 201).get("id");
		String second = (String) place(this.customer.client(), Catalogue.order(sku, "2"), 201).get("id");
		this.customer.client()
			.get()
			.uri("/api/v1/users/{id}/orders", this.customer.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user_id")
			.isEqualTo(this.customer.id())
			.jsonPath("$.username")
			.isEqualTo(this.customer.username())
			.jsonPath("$.orders.length()")
			.isEqualTo(2)
			.jsonPath("$.orders[0].id")
			.isEqualTo(second)
			.jsonPath("$.orders[1].id")
			.isEqualTo(first)
			.jsonPath("$.password_hash")
			.doesNotExist();
	}

	@Test
	void exports_matching_orders_as_ndjson_for_admins_only() {
		String sku = Fixtures.unique("EX-");
		Catalogue.product(this.admin, sku, "2.00", null);
		Catalogue.stock(this.admin, sku, 10);
		String id = (String) place(this.customer.client(), Catalogue.order(sku, "1"), 201).get("id");
		String body = this.admin.get()
			.uri("/api/v1/orders/export?user_id=" + this.customer.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_NDJSON)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body.lines()).hasSize(1);
		assertThat(body).contains("\"id\":\"" + id + "\"");
		this.customer.client().get().uri("/api/v1/orders/export").exchange().expectStatus().isForbidden();
	}

	Map<String, Object> place(WebTestClient client, String body, int expectedStatus) {
		return client.post()
			.uri("/api/v1/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(expectedStatus)
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	Map<String, Object> status(WebTestClient client, String id, String status, int expectedStatus) {
		return client.post()
			.uri("/api/v1/orders/{id}/status", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"status\": \"" + status + "\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(expectedStatus)
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	MapAssert<String, Object> stock(String sku) {
		return assertThat(this.anonymous.get()
			.uri("/api/v1/inventory/{sku}", sku)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody());
	}

	List<String> ids(WebTestClient client, String uri) {
		return client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(Map.class)
			.returnResult()
			.getResponseBody()
			.stream()
			.map((order) -> (String) order.get("id"))
			.toList();
	}

}
