package io.shopstream.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.mongodb.client.model.CountOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.shopstream.inventory.InventorySchema;
import io.shopstream.orders.OrderSchema;
import io.shopstream.products.ProductDraft;
import io.shopstream.support.CommandRules;
import io.shopstream.users.UserSchema;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data set, loaded at start-up as on a fresh `./mvnw spring-boot:run`. Only the
 * demo's own documents are counted (its customers' emails, its {@code DEMO-} skus, its
 * stores' names), so the counts hold on a server that other tests write to as well. Run
 * on the embedded back-end by {@link DemoDataTests} and on a real MongoDB by
 * {@link DemoDataOnMongoDbTests}.
 */
@TestPropertySource(properties = "shopstream.demo.enabled=true")
@DirtiesContext
abstract class DemoDataContract {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String DEMO_EMAIL = "@shopstream\\.demo$";

	@Autowired
	ReactiveMongoTemplate mongo;

	@Autowired
	DemoData demo;

	@Test
	void loads_the_whole_data_set_with_orders_in_every_status() {
		assertThat(count(UserSchema.COLLECTION, demoCustomers())).isEqualTo(50);
		assertThat(count("products", demoSkus())).isEqualTo(500);
		assertThat(count(InventorySchema.COLLECTION, demoSkus())).isEqualTo(500);
		assertThat(count("stores", new Document("name", new Document("$regex", "^Shopstream ")))).isEqualTo(20);
		assertThat(count(OrderSchema.COLLECTION, demoOrders())).isEqualTo(5000);
		for (String status : List.of("pending", "processing", "shipped", "delivered", "cancelled")) {
			assertThat(count(OrderSchema.COLLECTION, demoOrders().append("status", status))).as(status).isPositive();
		}
		Document oldest = Flux
			.from(collection(OrderSchema.COLLECTION).find(demoOrders())
				.sort(new Document("created_at", 1))
				.limit(1)
				.comment(CommandRules.TEST_LOOKUP))
			.blockFirst();
		assertThat(oldest.getDate("created_at").toInstant()).isBefore(Instant.now().minusSeconds(540L * 86400));
		assertThat(count("products", demoSkus().append("pricing.discounts.0", new Document("$exists", true))))
			.isPositive();
	}

	@Test
	void stock_held_matches_the_orders_still_open() {
		Map<String, Long> open = new HashMap<>();
		Flux.from(collection(OrderSchema.COLLECTION)
			.find(demoOrders().append("status", new Document("$in", List.of("pending", "processing"))))
			.comment(CommandRules.TEST_LOOKUP))
			.collectList()
			.block(WAIT)
			.forEach((order) -> order.getList("items", Document.class)
				.forEach((item) -> open.merge(item.getString("sku"), item.get("quantity", Number.class).longValue(),
						Long::sum)));
		Map<String, Long> reserved = new HashMap<>();
		Flux.from(collection(InventorySchema.COLLECTION).find(demoSkus())).collectList().block(WAIT).forEach((item) -> {
			long held = item.get("reserved", Number.class).longValue();
			if (held > 0) {
				reserved.put(item.getString("sku"), held);
			}
			assertThat(item.get("available", Number.class).longValue())
				.isEqualTo(item.get("quantity", Number.class).longValue() - held);
		});
		assertThat(reserved).isEqualTo(open).isNotEmpty();
	}

	@Test
	void the_same_seed_gives_the_same_catalogue() {
		Instant now = Instant.parse("2026-11-25T00:00:00Z");
		List<ProductDraft> first = DemoCatalogue.products(500, new Random(20261125), now);
		List<ProductDraft> second = DemoCatalogue.products(500, new Random(20261125), now);
		assertThat(first).isEqualTo(second);
		assertThat(DemoCatalogue.products(500, new Random(1), now)).isNotEqualTo(first);
	}

	@Test
	void does_not_load_twice_into_one_database() {
		this.demo.run(null);
		assertThat(count(OrderSchema.COLLECTION, demoOrders())).isEqualTo(5000);
		assertThat(count("products", demoSkus())).isEqualTo(500);
	}

	private static Document demoCustomers() {
		return new Document("email", new Document("$regex", DEMO_EMAIL));
	}

	private static Document demoOrders() {
		return new Document("user.email", new Document("$regex", DEMO_EMAIL));
	}

	private static Document demoSkus() {
		return new Document("sku", new Document("$regex", "^DEMO-"));
	}

	private long count(String collection, Document filter) {
		return Mono
			.from(collection(collection).countDocuments(filter, new CountOptions().comment(CommandRules.TEST_LOOKUP)))
			.block();
	}

	private MongoCollection<Document> collection(String name) {
		return this.mongo.getCollection(name).block();
	}

}
