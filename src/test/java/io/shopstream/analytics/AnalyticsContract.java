package io.shopstream.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.DeleteOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.shopstream.support.Accounts;
import io.shopstream.support.CommandRules;
import io.shopstream.support.Pages;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three reports on a fixture whose figures were worked out by hand. The fixture is
 * priced in the test currency XTS, so nothing else in the database counts. "Now" is 30
 * June 2001. Ranges are {@code from} inclusive and {@code to} exclusive.
 */
@SuppressWarnings("unchecked")
abstract class AnalyticsContract {

	static final ObjectId A = new ObjectId("00000000000000000000000a");

	static final ObjectId B = new ObjectId("00000000000000000000000b");

	static final ObjectId C = new ObjectId("00000000000000000000000c");

	static final ObjectId M = new ObjectId("00000000000000000000000d");

	static final ObjectId V = new ObjectId("00000000000000000000000e");

	static final ObjectId P1 = new ObjectId("0000000000000000000000f1");

	static final ObjectId P2 = new ObjectId("0000000000000000000000f2");

	static final ObjectId P3 = new ObjectId("0000000000000000000000f3");

	static final ObjectId P4 = new ObjectId("0000000000000000000000f4");

	@Autowired
	WebTestClient anonymous;

	@Autowired
	ReactiveMongoTemplate mongo;

	WebTestClient admin;

	@BeforeEach
	void fixture() {
		this.admin = Accounts.admin(this.anonymous);
		Mono.from(orders().deleteMany(new Document("totals.currency", new Document("$in", List.of("XTS", "XXX"))),
				new DeleteOptions().comment(CommandRules.TEST_LOOKUP)))
			.block();
		List<Document> fixture = List.of(
				order(A, "delivered", "2001-01-01T00:00:00Z", "27.00", line(P1, "One", 2, "20.00"),
						line(P2, "Two", 1, "5.50")),
				order(A, "completed", "2001-01-15T00:00:00Z", "10.80", line(P1, "One", 1, "10.00")),
				order(A, "delivered", "2001-03-10T00:00:00Z", "43.20", line(P3, "Three", 4, "40.00")),
				order(B, "delivered", "2001-01-31T23:59:59.999Z", "17.82", line(P2, "Two", 3, "16.50")),
				order(B, "cancelled", "2001-01-20T00:00:00Z", "1080.00", line(P1, "One", 100, "1000.00")),
				order(B, "delivered", "2001-01-20T00:00:00Z", "23.76", line(P4, "Four", 2, "22.00")),
				order(C, "pending", "2001-01-10T00:00:00Z", "10.80", line(P3, "Three", 1, "10.00")),
				order(C, "delivered", "2001-02-01T00:00:00Z", "10.80", line(P1, "One", 1, "10.00")),
				order(C, "delivered", "2001-02-15T00:00:00Z", "11.88", line(P2, "Two", 2, "11.00")),
				order(M, "delivered", "2001-04-20T00:00:00Z", "600.00", line(P3, "Three", 60, "600.00")),
				order(V, "delivered", "2001-05-15T00:00:00Z", "1200.00", line(P3, "Three", 120, "1200.00")));
		Mono.from(orders().insertMany(new ArrayList<>(fixture))).block();
		Document otherCurrency = order(A, "delivered", "2001-01-05T00:00:00Z", "99.00", line(P1, "One", 5, "99.00"));
		otherCurrency.get("totals", Document.class).put("currency", "XXX");
		Mono.from(orders().insertOne(otherCurrency)).block();
	}

	@Test
	void sales_ranks_products_by_revenue_counting_only_sales_in_range() {
		Map<String, Object> report = get(
				"/api/v1/analytics/sales?from=2001-01-01T00:00:00Z&to=2001-02-01T00:00:00Z&currency=XTS");
		assertThat(report).containsEntry("as_of", FixedClock.NOW.toString()).containsEntry("currency", "XTS");
		List<Map<String, Object>> products = (List<Map<String, Object>>) report.get("products");
		assertThat(products).hasSize(3);
		assertThat(products.get(0)).containsEntry("rank", 1)
			.containsEntry("product_id", P1.toHexString())
			.containsEntry("product_name", "One")
			.containsEntry("total_quantity", 3)
			.containsEntry("total_revenue", "30.00")
			.containsEntry("order_count", 2)
			.containsEntry("unique_customer_count", 1)
			.containsEntry("avg_order_value", "15.00");
		assertThat(products.get(1)).containsEntry("rank", 2)
			.containsEntry("product_id", P2.toHexString())
			.containsEntry("total_quantity", 4)
			.containsEntry("total_revenue", "22.00")
			.containsEntry("order_count", 2)
			.containsEntry("unique_customer_count", 2)
			.containsEntry("avg_order_value", "11.00");
		assertThat(products.get(2)).containsEntry("rank", 3)
			.containsEntry("product_id", P4.toHexString())
			.containsEntry("total_revenue", "22.00")
			.containsEntry("avg_order_value", "22.00");

		Map<String, Object> top1 = get(
				"/api/v1/analytics/sales?from=2001-01-01T00:00:00Z&to=2001-02-01T00:00:00Z&currency=XTS&limit=1");
		assertThat((List<?>) top1.get("products")).hasSize(1);
	}

	@Test
	void customers_are_valued_segmented_and_paged_by_total_spent() {
		List<Map<String, Object>> all = list("/api/v1/analytics/customers?currency=XTS&limit=100");
		assertThat(all).extracting((row) -> row.get("customer_id"))
			.containsExactly(V.toHexString(), M.toHexString(), A.toHexString(), B.toHexString(), C.toHexString());
		Map<String, Object> a = all.get(2);
		assertThat(a).containsEntry("total_orders", 3)
			.containsEntry("total_spent", "81.00")
			.containsEntry("avg_order_value", "27.00")
			.containsEntry("items_purchased", 4)
			.containsEntry("first_order_date", "2001-01-01T00:00:00Z")
			.containsEntry("last_order_date", "2001-03-10T00:00:00Z")
			.containsEntry("days_since_first_order", 180)
			.containsEntry("days_since_last_order", 112)
			.containsEntry("customer_segment", "Regular")
			.containsEntry("churn_risk", "High");
		assertThat(all.get(3)).containsEntry("total_orders", 2)
			.containsEntry("total_spent", "41.58")
			.containsEntry("avg_order_value", "20.79")
			.containsEntry("days_since_last_order", 149)
			.containsEntry("customer_segment", "New");
		assertThat(all.get(0)).containsEntry("total_orders", 1)
			.containsEntry("total_spent", "1200.00")
			.containsEntry("customer_segment", "VIP")
			.containsEntry("churn_risk", "Low")
			.containsEntry("days_since_first_order", 46);
		assertThat(all.get(1)).containsEntry("customer_segment", "Premium").containsEntry("churn_risk", "Medium");

		assertThat(ids("segment=VIP")).containsExactly(V.toHexString());
		assertThat(ids("segment=Premium")).containsExactly(M.toHexString());
		assertThat(ids("segment=Regular")).containsExactly(A.toHexString());
		assertThat(ids("segment=New")).containsExactly(B.toHexString(), C.toHexString());
		assertThat(ids("churn_risk=High")).containsExactly(A.toHexString(), B.toHexString(), C.toHexString());
		assertThat(ids("churn_risk=Medium")).containsExactly(M.toHexString());
		assertThat(ids("churn_risk=Low")).containsExactly(V.toHexString());

		List<String> paged = Pages.all(this.admin, "/api/v1/analytics/customers?currency=XTS&limit=2")
			.stream()
			.map((row) -> (String) row.get("customer_id"))
			.toList();
		assertThat(paged).containsExactly(V.toHexString(), M.toHexString(), A.toHexString(), B.toHexString(),
				C.toHexString());
	}

	@Test
	void monthly_has_every_month_with_zeros_where_nothing_sold() {
		Map<String, Object> report = get("/api/v1/analytics/monthly?year=2001&currency=XTS");
		List<Map<String, Object>> months = (List<Map<String, Object>>) report.get("months");
		assertThat(months).hasSize(12);
		assertThat(months.get(0)).containsEntry("month", "2001-01")
			.containsEntry("count", 4)
			.containsEntry("revenue", "79.38")
			.containsEntry("avg_order_value", "19.84")
			.containsEntry("unique_customer_count", 2);
		assertThat(months.get(1)).containsEntry("month", "2001-02")
			.containsEntry("count", 2)
			.containsEntry("revenue", "22.68")
			.containsEntry("avg_order_value", "11.34")
			.containsEntry("unique_customer_count", 1);
		assertThat(months.get(2)).containsEntry("revenue", "43.20");
		assertThat(months.get(3)).containsEntry("revenue", "600.00");
		assertThat(months.get(4)).containsEntry("revenue", "1200.00");
		assertThat(months.get(5)).containsEntry("month", "2001-06")
			.containsEntry("count", 0)
			.containsEntry("revenue", "0.00")
			.containsEntry("avg_order_value", "0.00")
			.containsEntry("unique_customer_count", 0);
		assertThat(months.get(11)).containsEntry("month", "2001-12").containsEntry("count", 0);
		assertThat(report).containsEntry("as_of", FixedClock.NOW.toString());
	}

	@Test
	void reports_are_for_admins_only_and_refuse_bad_parameters() {
		WebTestClient user = Accounts.signUp(this.anonymous, "analyst").client();
		for (String path : List.of("/api/v1/analytics/sales", "/api/v1/analytics/customers",
				"/api/v1/analytics/monthly", "/api/v1/admin/indexes")) {
			this.anonymous.get().uri(path).exchange().expectStatus().isUnauthorized();
			user.get().uri(path).exchange().expectStatus().isForbidden();
		}
		user.post()
			.uri("/api/v1/admin/explain")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isForbidden();
		this.admin.get()
			.uri("/api/v1/analytics/sales?from=2002-01-01T00:00:00Z&to=2001-01-01T00:00:00Z")
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.admin.get().uri("/api/v1/analytics/customers?segment=Gold").exchange().expectStatus().isBadRequest();
		this.admin.get().uri("/api/v1/analytics/monthly?year=twenty").exchange().expectStatus().isBadRequest();
		this.admin.get().uri("/api/v1/analytics/sales?currency=dollars").exchange().expectStatus().isBadRequest();
	}

	@Test
	void lists_every_collection_with_its_indexes() {
		Map<String, Object> answer = get("/api/v1/admin/indexes");
		Map<String, List<Map<String, Object>>> collections = (Map<String, List<Map<String, Object>>>) answer
			.get("collections");
		assertThat(collections).containsKeys("users", "sessions", "products", "inventory", "orders", "stores");
		assertThat(collections.get("users"))
			.anySatisfy((index) -> assertThat(index).containsEntry("name", "email_unique")
				.containsEntry("unique", true)
				.containsEntry("kind", "regular"));
	}

	@Test
	void explain_refuses_dangerous_operators_and_unknown_collections() {
		explain("{\"collection\": \"orders\", \"filter\": {\"$where\": \"sleep(100)\"}}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("filter.$where");
		explain("{\"collection\": \"orders\", \"filter\": {\"total\": {\"$function\": {}}}}").expectStatus()
			.isBadRequest();
		explain("{\"collection\": \"orders\", \"filter\": {\"$expr\": {\"$eq\": [1, 1]}}}").expectStatus()
			.isBadRequest();
		explain("{\"collection\": \"orders\", \"filter\": {}, \"sort\": {\"created_at\": 2}}").expectStatus()
			.isBadRequest();
		explain("{\"collection\": \"orders\", \"evil\": 1}").expectStatus().isBadRequest();
	}

	WebTestClient.ResponseSpec explain(String body) {
		return this.admin.post()
			.uri("/api/v1/admin/explain")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	Map<String, Object> get(String uri) {
		return this.admin.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	List<Map<String, Object>> list(String uri) {
		return this.admin.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	List<String> ids(String filter) {
		return list("/api/v1/analytics/customers?currency=XTS&" + filter).stream()
			.map((row) -> (String) row.get("customer_id"))
			.toList();
	}

	MongoCollection<Document> orders() {
		return this.mongo.getCollection("orders").block();
	}

	static Document order(ObjectId customer, String status, String createdAt, String total, Document... items) {
		Date created = Date.from(Instant.parse(createdAt));
		Decimal128 zero = new Decimal128(BigDecimal.ZERO);
		return new Document("order_number", "ORD-2001-" + new ObjectId().toHexString().substring(16))
			.append("user", new Document("_id", customer).append("email", customer.toHexString() + "@example.com"))
			.append("items", List.of(items))
			.append("totals",
					new Document("subtotal", zero).append("discount", zero)
						.append("tax", zero)
						.append("shipping", zero)
						.append("total", new Decimal128(new BigDecimal(total)))
						.append("currency", "XTS"))
			.append("status", status)
			.append("created_at", created)
			.append("updated_at", created);
	}

	static Document line(ObjectId product, String name, int quantity, String subtotal) {
		return new Document("product_id", product).append("sku", name.toUpperCase())
			.append("name", name)
			.append("quantity", quantity)
			.append("subtotal", new Decimal128(new BigDecimal(subtotal)));
	}

}
