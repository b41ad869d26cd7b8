package io.shopstream.orders;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.shopstream.inventory.InventoryItem;
import io.shopstream.inventory.InventorySchema;
import io.shopstream.inventory.InventoryService;
import io.shopstream.support.Accounts;
import io.shopstream.support.Accounts.Account;
import io.shopstream.support.Catalogue;
import io.shopstream.support.EmbeddedApiTest;
import io.shopstream.support.Fixtures;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.event.ReactiveBeforeSaveCallback;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stock held by an instance that died mid-placement goes back, once; stock held for an
 * order that was recorded stays reserved for it; and an order whose stock was given back
 * while it was still being recorded (its instance stalled past the hold timeout) is
 * cancelled, its client told 503 to place it again. The hold timeout is a millisecond
 * here and the periodic check is left to the test.
 */
@EmbeddedApiTest
@TestPropertySource(properties = { "shopstream.orders.hold-timeout=1ms", "shopstream.orders.hold-check=1h" })
@Import(AbandonedHoldsTests.ReclaimBeforeRecording.class)
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

	@Test
	void an_order_whose_stock_was_given_back_while_it_was_recorded_is_cancelled_and_its_client_told_to_retry() {
		Account customer = Accounts.signUp(this.anonymous, "stalled");
		ReclaimBeforeRecording.ARMED.set(true);
		try {
			customer.client()
				.post()
				.uri("/api/v1/orders")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Catalogue.order(this.sku, "4"))
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.exists(HttpHeaders.RETRY_AFTER);
		}
		finally {
			ReclaimBeforeRecording.ARMED.set(false);
		}
		assertThat(ReclaimBeforeRecording.RECLAIMED.get()).as("holds given back before the order was recorded")
			.isEqualTo(1);
		Document order = this.template
			.findOne(Query.query(Criteria.where("user._id").is(new ObjectId(customer.id()))), Document.class,
					OrderSchema.COLLECTION)
			.block();
		assertThat(order.getString("status")).isEqualTo("cancelled");
		InventoryItem item = item();
		assertThat(item.available()).isEqualTo(10);
		assertThat(item.reserved()).isZero();
		assertThat(holds()).isEmpty();
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

	/**
	 * When armed, gives back every abandoned hold just before an order is written: what
	 * an instance stalled between holding and recording would find.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class ReclaimBeforeRecording {

		static final AtomicBoolean ARMED = new AtomicBoolean();

		static final AtomicInteger RECLAIMED = new AtomicInteger();

		@Bean
		ReactiveBeforeSaveCallback<Order> reclaimBeforeRecording(@Lazy AbandonedHolds abandoned) {
			return (order, document, collection) -> ARMED.get()
					? abandoned.reclaim().doOnNext((count) -> RECLAIMED.set(count.intValue())).thenReturn(order)
					: Mono.just(order);
		}

	}

}
