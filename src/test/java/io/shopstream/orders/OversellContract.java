package io.shopstream.orders;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import io.shopstream.inventory.InventorySchema;
import io.shopstream.support.Accounts;
import io.shopstream.support.Catalogue;
import io.shopstream.support.Fixtures;
import org.bson.Document;
import org.junit.jupiter.api.RepeatedTest;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 orders at once for a sku with 50 units: exactly 50 succeed, the rest get 409 (never
 * a 5xx), and the stock ends at 0 available and 50 reserved with no hold left. Repeated
 * 20 times in a row. Each hold is a single-document update the server serializes, so the
 * same holds on a replica set, where a transaction per order would abort on write
 * conflicts.
 */
abstract class OversellContract {

	@Autowired
	WebTestClient anonymous;

	@LocalServerPort
	int port;

	@Autowired
	ReactiveMongoTemplate template;

	@RepeatedTest(20)
	void two_hundred_concurrent_orders_for_fifty_units_sell_exactly_fifty() {
		WebTestClient admin = Accounts.admin(this.anonymous);
		String token = Accounts.login(this.anonymous, Accounts.ADMIN_LOGIN, Accounts.ADMIN_PASSWORD);
		String sku = Fixtures.unique("HOT-");
		Catalogue.product(admin, sku, "9.99", null);
		Catalogue.stock(admin, sku, 50);
		WebClient client = WebClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.build();

		Map<Integer, Long> statuses = Flux.range(0, 200)
			.flatMap(
					(i) -> client.post()
						.uri("/api/v1/orders")
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue(Catalogue.order(sku, "1"))
						.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())),
					200)
			.collectList()
			.map((codes) -> codes.stream().collect(Collectors.groupingBy((c) -> c, Collectors.counting())))
			.block(Duration.ofMinutes(2));

		assertThat(statuses).containsEntry(201, 50L).containsEntry(409, 150L).hasSize(2);
		this.anonymous.get()
			.uri("/api/v1/inventory/{sku}", sku)
			.exchange()
			.expectBody()
			.jsonPath("$.available")
			.isEqualTo(0)
			.jsonPath("$.reserved")
			.isEqualTo(50)
			.jsonPath("$.quantity")
			.isEqualTo(50);
		Document item = this.template
			.findOne(Query.query(Criteria.where("sku").is(sku)), Document.class, InventorySchema.COLLECTION)
			.block();
		assertThat(item.getList("holds", Object.class)).as("every hold settled").isEmpty();
	}

}
