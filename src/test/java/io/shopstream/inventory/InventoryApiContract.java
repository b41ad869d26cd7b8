package io.shopstream.inventory;

import io.shopstream.support.Accounts;
import io.shopstream.support.Catalogue;
import io.shopstream.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Stock levels: set, adjust, read; never negative, never below what is reserved. */
abstract class InventoryApiContract {

	@Autowired
	WebTestClient anonymous;

	WebTestClient admin;

	@BeforeEach
	void signIn() {
		this.admin = Accounts.admin(this.anonymous);
	}

	@Test
	void sets_adjusts_and_shows_stock_to_anyone() {
		String sku = Fixtures.unique("INV-");
		this.admin.put()
			.uri("/api/v1/inventory/{sku}", sku)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(
					"{\"quantity\": 100, \"warehouse_locations\": [{\"warehouse_id\": \"WH-1\", \"quantity\": 60}, {\"warehouse_id\": \"WH-2\", \"quantity\": 40}], \"reorder_point\": 20, \"reorder_quantity\": 100}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.quantity")
			.isEqualTo(100)
			.jsonPath("$.reserved")
			.isEqualTo(0)
			.jsonPath("$.available")
			.isEqualTo(100)
			.jsonPath("$.warehouse_locations[1].warehouse_id")
			.isEqualTo("WH-2");
		this.admin.post()
			.uri("/api/v1/inventory/{sku}/adjust", sku)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"delta\": -30, \"reason\": \"damaged\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.available")
			.isEqualTo(70)
			.jsonPath("$.quantity")
			.isEqualTo(70);
		this.admin.post()
			.uri("/api/v1/inventory/{sku}/adjust", sku)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"delta\": 5}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.available")
			.isEqualTo(75);
		this.anonymous.get()
			.uri("/api/v1/inventory/{sku}", sku)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.available")
			.isEqualTo(75)
			.jsonPath("$.reorder_point")
			.isEqualTo(20);
	}

	@Test
	void a_fractional_quantity_or_delta_is_a_400_never_truncated() {
		String sku = Fixtures.unique("FRAC-");
		Catalogue.product(this.admin, sku, "1.00", null);
		Catalogue.stock(this.admin, sku, 10);
		this.admin.post()
			.uri("/api/v1/inventory/{sku}/adjust", sku)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"delta\": 2.5}")
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.admin.put()
			.uri("/api/v1/inventory/{sku}", sku)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"quantity\": 12.9, \"reorder_point\": 5, \"reorder_quantity\": 50}")
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.anonymous.get()
			.uri("/api/v1/inventory/{sku}", sku)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.quantity")
			.isEqualTo(10);
	}

	@Test
	void stock_never_goes_negative_nor_below_what_is_reserved() {
		String sku = Fixtures.unique("NEG-");
		Catalogue.product(this.admin, sku, "1.00", null);
		Catalogue.stock(this.admin, sku, 10);
		this.admin.post()
			.uri("/api/v1/inventory/{sku}/adjust", sku)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"delta\": -11}")
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("sku");
		this.admin.post()
			.uri("/api/v1/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Catalogue.order(sku, "4"))
			.exchange()
			.expectStatus()
			.isCreated();
		this.admin.put()
			.uri("/api/v1/inventory/{sku}", sku)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"quantity\": 3}")
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("quantity");
		this.admin.put()
			.uri("/api/v1/inventory/{sku}", sku)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"quantity\": 8}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.reserved")
			.isEqualTo(4)
			.jsonPath("$.available")
			.isEqualTo(4);
		this.anonymous.get().uri("/api/v1/inventory/{sku}", "NO-SUCH-SKU").exchange().expectStatus().isNotFound();
		this.anonymous.get().uri("/api/v1/inventory/{sku}", "bad sku!").exchange().expectStatus().isBadRequest();
	}

	@Test
	void only_admins_change_stock() {
		WebTestClient user = Accounts.signUp(this.anonymous, "stocker").client();
		user.put()
			.uri("/api/v1/inventory/{sku}", "ANY")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"quantity\": 1}")
			.exchange()
			.expectStatus()
			.isForbidden();
		this.anonymous.post()
			.uri("/api/v1/inventory/{sku}/adjust", "ANY")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"delta\": 1}")
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

}
