package io.shopstream.orders;

import java.time.Duration;
import java.util.List;

import io.shopstream.inventory.InventoryItem;
import io.shopstream.inventory.InventorySchema;
import io.shopstream.inventory.InventoryService;
import io.shopstream.support.Accounts;
import io.shopstream.support.Catalogue;
import io.shopstream.support.EmbeddedApiTest;
import io.shopstream.support.Fixtures;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stock held by an instance that died mid-placement goes back, once; stock held for an
 * order that was recorded stays reserved for it. The hold timeout is a millisecond here
 * and the periodic check is left to the test.
 */
@EmbeddedApiTest
@TestPropertySource(properties = { "shopstream.orders.hold-timeout=1ms", "shopstream.orders.hold-check=1h" })
class AbandonedHoldsTests {

	@Autowired
	WebTestClient anonymous;

	@Autowired
	AbandonedHolds abandoned;

	@Autowired
	InventoryService inventory;

	@Autowired
	ReactiveMongoTemplate template;

	String sku;

	@BeforeEach
	void stock() {
		this.sku = Fixtures.unique("HELD-");
		WebTestClient admin = Accounts.admin(this.anonymous);
		Catalogue.product(admin, this.sku, "4.00", null);
		Catalogue.stock(admin, this.sku, 10);
	}

	@Test
	void stock_held_for_an_order_never_recorded_goes_back_once() {
		ObjectId neverRecorded = new ObjectId();
		this.inventory.hold(this.sku, 3, neverRecorded).block();
		assertThat(item().available()).isEqualTo(7);

		await().atMost(Duration.ofSeconds(5)).until(() -> this.abandoned.reclaim().block() == 1);

		InventoryItem item = item();
		assertThat(item.available()).isEqualTo(10);
		assertThat(item.reserved()).isZero();
		assertThat(holds()).isEmpty();
		assertThat(this.abandoned.reclaim().block()).as("given back once").isZero();
		assertThat(item().available()).isEqualTo(10);
	}

	@Test
	void stock_held_for_an_order_that_was_recorded_stays_reserved_for_it() {
		ObjectId recorded = new ObjectId();
		this.inventory.hold(this.sku, 2, recorded).block();
		// the instance died after recording the order, before settling its hold
		this.template.insert(new Document("_id", recorded), OrderSchema.COLLECTION).block();

		await().atMost(Duration.ofSeconds(5)).until(() -> {
			assertThat(this.abandoned.reclaim().block()).as("nothing given back").isZero();
			return holds().isEmpty();
		});

		InventoryItem item = item();
		assertThat(item.available()).isEqualTo(8);
		assertThat(item.reserved()).isEqualTo(2);
	}

	private InventoryItem item() {
		return this.inventory.get(this.sku).block();
	}

	private List<?> holds() {
		Document item = this.template
			.findOne(Query.query(Criteria.where("sku").is(this.sku)), Document.class, InventorySchema.COLLECTION)
			.block();
		return (item.get("holds") instanceof List<?> holds) ? holds : List.of();
	}

}
