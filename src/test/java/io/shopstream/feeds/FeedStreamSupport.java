package io.shopstream.feeds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.reactivestreams.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopstream.support.Accounts;
import io.shopstream.support.Catalogue;
import io.shopstream.support.EmbeddedApiTest;
import io.shopstream.support.Later;
import io.shopstream.support.SseClient;
import org.junit.jupiter.api.BeforeEach;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service with the command watcher, a short grace period and a quick heartbeat, and the
 * helpers the feed-stream tests share.
 */
@EmbeddedApiTest
@Import(ChangeStreamCommands.class)
@TestPropertySource(properties = { "shopstream.feeds.grace-period=100ms", "shopstream.feeds.heartbeat=300ms" })
abstract class FeedStreamSupport {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	WebTestClient anonymous;

	@Autowired
	ChangeStreamCommands commands;

	@Autowired
	MeterRegistry meters;

	@Autowired
	MongoClient mongo;

	@LocalServerPort
	int port;

	WebTestClient admin;

	String adminToken;

	SseClient sse;

	@BeforeEach
	void setUp() {
		this.adminToken = Accounts.login(this.anonymous, Accounts.ADMIN_LOGIN, Accounts.ADMIN_PASSWORD);
		this.admin = Accounts.as(this.anonymous, this.adminToken);
		this.sse = new SseClient(this.port);
	}

	/**
	 * Produces {@code updates} stock changes while a client reads them, dropping its connection
	 * {@code drops} times at random points and reconnecting with the id of the last event it
	 * got, as EventSource does. A second client that never drops records the truth: the dropping
	 * client must end with exactly the same event ids, in the same order.
	 */
	void resumeAcrossDrops(String sku, int updates, int drops) {
		Catalogue.stock(this.admin, sku, 0);
		String path = "/api/v1/feeds/inventory?sku=" + sku;
		List<String> truth = new CopyOnWriteArrayList<>();
		AtomicInteger referenceOpen = new AtomicInteger();
		Disposable reference = this.sse.events(path, null, null, null).subscribe((event) -> {
			if (event.event() == null) {
				referenceOpen.incrementAndGet();
			}
			else {
				truth.add(event.id());
			}
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> referenceOpen.get() > 0);
		Random random = new Random(sku.hashCode());
		List<String> got = new ArrayList<>();
		String lastId = null;
		Later producer = null;
		for (int connection = 0; connection <= drops && got.size() < updates; connection++) {
			int take = connection < drops ? 1 + random.nextInt(2 * updates / drops) : updates - got.size();
			take = Math.min(take, updates - got.size());
			Flux<ServerSentEvent<String>> events = this.sse.events(path, null, null, lastId).filter(SseClient::isEvent);
			if (producer == null) {
				producer = Later.run(Duration.ofMillis(300), () -> adjust(sku, updates));
			}
			for (ServerSentEvent<String> event : events.take(take).collectList().block(Duration.ofSeconds(60))) {
				assertThat(event.event()).as("event after %s", lastId).isEqualTo("update");
				got.add(event.id());
				lastId = event.id();
			}
		}
		producer.join();
		await().atMost(Duration.ofSeconds(10)).until(() -> truth.size() == updates);
		reference.dispose();
		assertThat(got).hasSize(updates).doesNotHaveDuplicates().containsExactlyElementsOf(truth);
	}

	void adjust(String sku, int times) {
		for (int i = 0; i < times; i++) {
			this.admin.post().uri("/api/v1/inventory/{sku}/adjust", sku).contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"delta\": 1}").exchange().expectStatus().isOk();
		}
	}

	Disposable subscribe(String path, String token, AtomicInteger connected, AtomicInteger received) {
		return this.sse.events(path, token, null, null).subscribe((event) -> {
			if (event.retry() != null) {
				connected.incrementAndGet();
			}
			else if (received != null && event.event() != null) {
				received.incrementAndGet();
			}
		});
	}

	double openStreams() {
		return this.meters.find("shopstream.feeds.change_streams").gauges().stream().mapToDouble((g) -> g.value()).sum();
	}

}
