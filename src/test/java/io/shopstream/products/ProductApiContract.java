package io.shopstream.products;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.shopstream.support.Accounts;
import io.shopstream.support.ApiContract;
import io.shopstream.support.Catalogue;
import io.shopstream.support.Fixtures;
import io.shopstream.support.Pages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue API: CRUD, filters, sorted keyset pages, view buckets. */
abstract class ProductApiContract {

	@Autowired
	WebTestClient anonymous;

	WebTestClient admin;

	@BeforeEach
	void signIn() {
		this.admin = Accounts.admin(this.anonymous);
	}

	@Test
	void an_admin_creates_a_product_that_anyone_can_read_with_exact_money() {
		String sku = Fixtures.unique("SKU-");
		// The price as a JSON number, which the service accepts beyond the documented
		// string.
		WebTestClient lenient = this.admin.mutate()
			.defaultHeader(ApiContract.LENIENT_INPUT, "price as a number")
			.build();
		String id = Catalogue.product(lenient, sku, null, """
				{"sku": "%s", "name": "Premium Widget", "description": "High-quality widget",
				 "category": {"name": "Electronics", "slug": "electronics", "path": ["Home", "Electronics"]},
				 "attributes": {"color": "Black", "weight": 250, "features": ["Waterproof"]},
				 "pricing": {"base_price": 99.99, "currency": "USD", "tax_rate": "0.08",
				  "discounts": [{"type": "percentage", "value": "10", "conditions": {"min_quantity": 5}}]}}"""
			.formatted(sku));
		this.anonymous.get()
			.uri("/api/v1/products/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sku")
			.isEqualTo(sku)
			.jsonPath("$.slug")
			.isEqualTo("premium-widget")
			.jsonPath("$.status")
			.isEqualTo("active")
			.jsonPath("$.pricing.base_price")
			.isEqualTo("99.99")
			.jsonPath("$.pricing.tax_rate")
			.isEqualTo("0.08")
			.jsonPath("$.pricing.discounts[0].value")
			.isEqualTo("10")
			.jsonPath("$.attributes.weight")
			.isEqualTo(250)
			.jsonPath("$.attributes.features[0]")
			.isEqualTo("Waterproof");
	}

	@Test
	void a_currency_outside_the_allow_list_or_without_a_minor_unit_is_a_400_when_written() {
		for (String currency : List.of("ZZZ", "XXX", "usd")) {
			this.admin.post()
				.uri("/api/v1/products")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("""
						{"sku": "%s", "name": "Odd money", "category": {"name": "Gadgets", "slug": "gadgets"},
						 "pricing": {"base_price": "1.00", "currency": "%s"}}""".formatted(Fixtures.unique("CUR-"),
						currency))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("pricing.currency");
		}
		Catalogue.product(this.admin, Fixtures.unique("JPY-"), null, """
				{"sku": "%s", "name": "Yen widget", "category": {"name": "Gadgets", "slug": "gadgets"},
				 "pricing": {"base_price": "1500", "currency": "JPY"}}""".formatted(Fixtures.unique("JPY-")));
	}

	@Test
	void a_second_product_with_the_same_sku_is_a_conflict() {
		String sku = Fixtures.unique("DUP-");
		Catalogue.product(this.admin, sku, "1.00", null);
		this.admin.post()
			.uri("/api/v1/products")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"sku\": \"" + sku
					+ "\", \"name\": \"Again\", \"pricing\": {\"base_price\": \"2.00\", \"currency\": \"USD\"}}")
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("sku");
	}

	@Test
	void filters_by_category_price_status_and_attributes() {
		String category = Fixtures.unique("cat-");
		String cheap = Catalogue.product(this.admin, Fixtures.unique("F-"), null,
				product(category, "9.99", "Black", 100));
		String middle = Catalogue.product(this.admin, Fixtures.unique("F-"), null,
				product(category, "19.99", "Silver", 250));
		String dear = Catalogue.product(this.admin, Fixtures.unique("F-"), null,
				product(category, "100.00", "Black", 250));

		assertThat(ids("/api/v1/products?category=" + category)).containsExactlyInAnyOrder(cheap, middle, dear);
		assertThat(ids("/api/v1/products?category=" + category + "&min_price=9.999&max_price=100"))
			.containsExactlyInAnyOrder(middle, dear);
		assertThat(ids("/api/v1/products?category=" + category + "&attr.color=Black")).containsExactlyInAnyOrder(cheap,
				dear);
		assertThat(ids("/api/v1/products?category=" + category + "&attr.weight=250")).containsExactlyInAnyOrder(middle,
				dear);
		assertThat(ids("/api/v1/products?category=" + category + "&status=discontinued")).isEmpty();
		assertThat(ids("/api/v1/products?category=" + category + "&sort=-price")).containsExactly(dear, middle, cheap);
		assertThat(ids("/api/v1/products?category=" + category + "&sort=name")).containsExactlyInAnyOrder(cheap, middle,
				dear);
		// the whole catalogue by name: served by name_id (RecordedCommands holds the
		// query to it)
		assertThat(ids("/api/v1/products?sort=name&limit=5")).hasSizeBetween(3, 5);
	}

	@Test
	void refuses_unknown_filters_and_attribute_names_that_are_not_identifiers() {
		this.anonymous.get().uri("/api/v1/products?attr.$where=1").exchange().expectStatus().isBadRequest();
		this.anonymous.get().uri("/api/v1/products?attr.a.b=1").exchange().expectStatus().isBadRequest();
		this.anonymous.get().uri("/api/v1/products?colour=red").exchange().expectStatus().isBadRequest();
		this.anonymous.get().uri("/api/v1/products?min_price=cheap").exchange().expectStatus().isBadRequest();
		this.anonymous.get().uri("/api/v1/products?sort=random").exchange().expectStatus().isBadRequest();
	}

	@Test
	void pages_by_price_without_skipping_or_repeating() {
		String category = Fixtures.unique("page-");
		List<String> created = new ArrayList<>();
		for (String price : List.of("5.00", "1.00", "3.00", "3.00", "2.50", "4.75", "3.00")) {
			created.add(Catalogue.product(this.admin, Fixtures.unique("P-"), null, product(category, price, "Red", 1)));
		}
		List<String> seen = new ArrayList<>();
		List<String> prices = new ArrayList<>();
		for (List<Map<String, Object>> page : Pages.pages(this.anonymous,
				"/api/v1/products?category=" + category + "&sort=price&limit=2")) {
			for (Map<String, Object> product : page) {
				seen.add((String) product.get("id"));
				prices.add((String) ((Map<?, ?>) product.get("pricing")).get("base_price"));
			}
		}
		assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
		assertThat(prices).containsExactly("1.00", "2.50", "3.00", "3.00", "3.00", "4.75", "5.00");
	}

	@Test
	void small_pages_held_and_large_pages_streamed_walk_the_same_products() {
		String category = Fixtures.unique("many-");
		List<String> created = new ArrayList<>();
		for (int i = 0; i < 103; i++) {
			created.add(Catalogue.product(this.admin, Fixtures.unique("M-"), null,
					product(category, "1." + (i % 10) + "0", "Red", 1)));
		}
		// 50 is read in one query and held, 101 probed first and streamed
		for (int limit : List.of(50, 101)) {
			List<String> seen = new ArrayList<>();
			List<Integer> sizes = new ArrayList<>();
			for (List<Map<String, Object>> page : Pages.pages(this.anonymous,
					"/api/v1/products?category=" + category + "&limit=" + limit)) {
				page.forEach((product) -> seen.add((String) product.get("id")));
				sizes.add(page.size());
			}
			assertThat(seen).as("limit %d", limit).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
			assertThat(sizes).as("limit %d", limit)
				.containsExactlyElementsOf((limit == 50) ? List.of(50, 50, 3) : List.of(101, 2));
		}
	}

	@Test
	void replaces_and_deletes_a_product() {
		String sku = Fixtures.unique("R-");
		String id = Catalogue.product(this.admin, sku, "1.00", null);
		String createdAt = (String) this.anonymous.get()
			.uri("/api/v1/products/{id}", id)
			.exchange()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("created_at");
		this.admin.put()
			.uri("/api/v1/products/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"sku\": \"" + sku
					+ "\", \"name\": \"Renamed\", \"status\": \"discontinued\", \"pricing\": {\"base_price\": \"2.00\", \"currency\": \"EUR\"}}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("Renamed")
			.jsonPath("$.pricing.currency")
			.isEqualTo("EUR")
			.jsonPath("$.created_at")
			.isEqualTo(createdAt);
		this.admin.delete().uri("/api/v1/products/{id}", id).exchange().expectStatus().isNoContent();
		this.anonymous.get().uri("/api/v1/products/{id}", id).exchange().expectStatus().isNotFound();
		this.admin.delete().uri("/api/v1/products/{id}", id).exchange().expectStatus().isNotFound();
	}

	@Test
	void only_admins_write_the_catalogue() {
		String id = Catalogue.product(this.admin, Fixtures.unique("A-"), "1.00", null);
		WebTestClient user = Accounts.signUp(this.anonymous, "shopper").client();
		user.post()
			.uri("/api/v1/products")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isForbidden();
		user.delete().uri("/api/v1/products/{id}", id).exchange().expectStatus().isForbidden();
		this.anonymous.put()
			.uri("/api/v1/products/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.anonymous.post().uri("/api/v1/products/{id}/views", id).exchange().expectStatus().isNoContent();
	}

	@Test
	void counts_views_in_hourly_buckets_and_sums_them_by_day() {
		String id = Catalogue.product(this.admin, Fixtures.unique("V-"), "1.00", null);
		for (int i = 0; i < 3; i++) {
			this.anonymous.post().uri("/api/v1/products/{id}/views", id).exchange().expectStatus().isNoContent();
		}
		this.anonymous.get()
			.uri("/api/v1/products/{id}/views", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(1)
			.jsonPath("$[0].views")
			.isEqualTo(3)
			.jsonPath("$[0].period")
			.value((String period) -> assertThat(period).endsWith(":00:00Z"));
		this.anonymous.get()
			.uri("/api/v1/products/{id}/views?granularity=day&from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(0);
		this.anonymous.get()
			.uri("/api/v1/products/{id}/views?from=2020-01-01T00:00:00Z&to=2024-01-01T00:00:00Z", id)
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.anonymous.post()
			.uri("/api/v1/products/{id}/views", "0123456789abcdef01234567")
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	private List<String> ids(String uri) {
		return this.anonymous.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(Map.class)
			.returnResult()
			.getResponseBody()
			.stream()
			.map((product) -> (String) product.get("id"))
			.toList();
	}

	private static String product(String category, String price, String color, int weight) {
		return """
				{"sku": "%s", "name": "Filtered %s", "category": {"name": "Cat", "slug": "%s"},
				 "attributes": {"color": "%s", "weight": %d},
				 "pricing": {"base_price": "%s", "currency": "USD"}}""".formatted(Fixtures.unique("X-"), price,
				category, color, weight, price);
	}

}
