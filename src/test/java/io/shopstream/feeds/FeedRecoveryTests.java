package io.shopstream.feeds;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.shopstream.inventory.InventorySchema;
import io.shopstream.platform.mongo.embedded.EmbeddedMongoServer;
import io.shopstream.support.Accounts;
import io.shopstream.support.Catalogue;
import io.shopstream.support.EmbeddedApiTest;
import io.shopstream.support.SseClient;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database restarts with its oplog gone: subscribers stay connected, get
 * {@code resync}, and then the changes of the new database. Embedded back-end only: the
 * crash is {@link EmbeddedMongoServer#restartEmpty()}, and a test cannot wipe a real
 * replica set's oplog under a running service, so there is no real-MongoDB variant.
 */
@EmbeddedApiTest
@DirtiesContext
@TestPropertySource(properties = "shopstream.feeds.max-backoff=1s")
class FeedRecoveryTests {

	@Autowired
	WebTestClient anonymous;

	@Autowired
	EmbeddedMongoServer embedded;

	@Autowired
	ReactiveMongoTemplate template;

	@LocalServerPort
	int port;

	@Test
	void a_restarted_database_sends_resync_then_live_events() {
		WebTestClient admin = Accounts.admin(this.anonymous);
		List<ServerSentEvent<String>> events = new CopyOnWriteArrayList<>();
		Disposable subscriber = new SseClient(this.port).events("/api/v1/feeds/inventory", null, null, null)
			.filter(SseClient::isEvent)
			.subscribe(events::add);
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			Catalogue.stock(admin, "BEFORE-RESTART", 1);
			return !events.isEmpty();
		});

		this.embedded.restartEmpty();

		await().atMost(Duration.ofSeconds(30)).until(() -> events.stream().anyMatch((e) -> "resync".equals(e.event())));
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			Mono.from(this.template.getMongoDatabase()
				.block()
				.getCollection(InventorySchema.COLLECTION)
				.insertOne(new Document("sku", "AFTER-RESTART").append("quantity", 1L)
					.append("reserved", 0L)
					.append("available", 1L)
					.append("warehouse_locations", List.of())
					.append("reorder_point", 0L)
					.append("reorder_quantity", 0L)
					.append("updated_at", new Date())))
				.block();
			return events.stream().anyMatch((e) -> e.data() != null && e.data().contains("AFTER-RESTART"));
		});
		subscriber.dispose();
		ServerSentEvent<String> resync = events.stream()
			.filter((e) -> "resync".equals(e.event()))
			.findFirst()
			.orElseThrow();
		assertThat(resync.data()).contains("reason");
		assertThat(events.indexOf(resync)).isLessThan(events.size() - 1);
	}

}
