package io.shopstream.feeds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.shopstream.inventory.InventorySchema;
import io.shopstream.orders.OrderSchema;
import io.shopstream.support.Catalogue;
import io.shopstream.support.Fixtures;
import io.shopstream.users.UserSchema;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared change streams under load and trouble: one server cursor per collection
 * whatever the number of subscribers, resume without gap or duplicate, a killed cursor,
 * and the heartbeat. Run on the embedded back-end by {@link FeedStreamTests} and on a
 * real MongoDB by {@link FeedStreamOnMongoDbTests}.
 */
abstract class FeedStreamContract extends FeedStreamSupport {

	@Test
	void two_hundred_subscribers_per_feed_share_one_change_stream_per_collection() {
		await().atMost(Duration.ofSeconds(10)).until(() -> openStreams() == 0);
		this.commands.reset();
		AtomicInteger connected = new AtomicInteger();
		AtomicInteger received = new AtomicInteger();
		String sku = Fixtures.unique("FAN-");
		List<Disposable> subscribers = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			subscribers.add(subscribe("/api/v1/feeds/inventory?sku=" + sku, null, connected, received));
			subscribers.add(subscribe("/api/v1/feeds/orders", this.adminToken, connected, null));
			subscribers.add(subscribe("/api/v1/feeds/users", this.adminToken, connected, null));
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> connected.get() == 600);
		Catalogue.stock(this.admin, sku, 5);
		await().atMost(Duration.ofSeconds(10)).until(() -> received.get() == 200);

		assertThat(this.commands.opened(InventorySchema.COLLECTION)).isEqualTo(1);
		assertThat(this.commands.opened(OrderSchema.COLLECTION)).isEqualTo(1);
		assertThat(this.commands.opened(UserSchema.COLLECTION)).isEqualTo(1);
		for (String collection : List.of(InventorySchema.COLLECTION, OrderSchema.COLLECTION, UserSchema.COLLECTION)) {
			assertThat(this.meters.get("shopstream.feeds.change_streams").tag("collection", collection).gauge().value())
				.isEqualTo(1.0);
		}
		assertThat(this.meters.get("shopstream.feeds.subscribers").tag("feed", "inventory").gauge().value())
			.isEqualTo(200.0);
		subscribers.forEach(Disposable::dispose);
		await().atMost(Duration.ofSeconds(10)).until(() -> openStreams() == 0);
	}

	@Test
	void feed_connections_hold_no_http_request_observation() {
		AtomicInteger connected = new AtomicInteger();
		Disposable feed = subscribe("/api/v1/feeds/inventory", null, connected, null);
		await().atMost(Duration.ofSeconds(10)).until(() -> connected.get() == 1);
		this.anonymous.get().uri("/api/v1/capabilities").exchange().expectStatus().isOk();
		feed.dispose();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.meters.get("shopstream.feeds.subscribers").tag("feed", "inventory").gauge().value() == 0);

		List<String> observed = this.meters.find("http.server.requests")
			.timers()
			.stream()
			.map((timer) -> timer.getId().getTag("uri"))
			.toList();
		assertThat(observed).as("request observations of other endpoints are kept").contains("/api/v1/capabilities");
		assertThat(observed).noneMatch((uri) -> uri.startsWith("/api/v1/feeds"));
	}

	@Test
	void a_client_that_drops_twenty_times_gets_all_1000_updates_in_order_once() {
		resumeAcrossDrops(Fixtures.unique("RES-"), 1000, 20);
	}

	@Test
	void the_stream_survives_its_cursor_being_killed_without_losing_an_event() {
		String sku = Fixtures.unique("KILL-");
		Catalogue.stock(this.admin, sku, 0);
		List<String> seen = new CopyOnWriteArrayList<>();
		AtomicInteger connected = new AtomicInteger();
		int getMoresBefore = this.commands.changeStreamGetMores(InventorySchema.COLLECTION);
		try (ReferenceChangeStream reference = referenceStream(sku)) {
			Disposable subscriber = this.sse.events("/api/v1/feeds/inventory?sku=" + sku, null, null, null)
				.doOnNext((event) -> {
					if (event.event() == null) {
						connected.incrementAndGet();
					}
					else {
						seen.add(event.id());
					}
				})
				.subscribe();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> connected.get() > 0
						&& this.commands.changeStreamGetMores(InventorySchema.COLLECTION) > getMoresBefore);
			adjust(sku, 10);
			await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 10);
			long cursor = this.commands.lastCursor(InventorySchema.COLLECTION);
			Mono.from(database()
				.runCommand(new Document("killCursors", InventorySchema.COLLECTION).append("cursors", List.of(cursor))))
				.block();
			adjust(sku, 10);
			await().atMost(Duration.ofSeconds(15)).until(() -> seen.size() >= 20);
			subscriber.dispose();
			assertThat(seen).as("ids after the kill, against a change stream of the test's own")
				.hasSize(20)
				.doesNotHaveDuplicates()
				.containsExactlyElementsOf(reference.ids(20, Duration.ofSeconds(10)));
		}
	}

	@Test
	void idle_connections_get_a_heartbeat_comment() {
		List<ServerSentEvent<String>> frames = this.sse.events("/api/v1/feeds/inventory", null, null, null)
			.take(Duration.ofMillis(1500))
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(frames).filteredOn((frame) -> "heartbeat".equals(frame.comment())).hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void a_client_that_asks_gets_its_heartbeats_as_events_without_an_id() {
		List<ServerSentEvent<String>> frames = this.sse
			.events("/api/v1/feeds/inventory?heartbeats=events", null, null, null)
			.take(Duration.ofMillis(1500))
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(frames).filteredOn((frame) -> "heartbeat".equals(frame.event()))
			.hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy((frame) -> {
				assertThat(frame.id()).isNull();
				assertThat(frame.data()).isEqualTo("{\"every_ms\":300}");
			});
		assertThat(frames).noneMatch((frame) -> frame.comment() != null);
		this.anonymous.get()
			.uri("/api/v1/feeds/inventory?heartbeats=sometimes")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("heartbeats");
	}

}
