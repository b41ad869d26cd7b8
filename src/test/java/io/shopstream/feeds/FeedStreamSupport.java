package io.shopstream.feeds;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopstream.inventory.InventorySchema;
import io.shopstream.support.Catalogue;
import io.shopstream.support.Later;
import io.shopstream.support.SseClient;
import org.bson.Document;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service with the command watcher, a short grace period and a quick heartbeat, and the
 * helpers the feed-stream tests share. The back-end is the concrete test class's choice.
 */
@Import(ChangeStreamCommands.class)
@TestPropertySource(properties = { "shopstream.feeds.grace-period=100ms", "shopstream.feeds.heartbeat=300ms" })
abstract class FeedStreamSupport extends FeedClients {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	ChangeStreamCommands commands;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ReactiveMongoTemplate template;

	@Autowired
	MongoConnectionDetails connection;

	/**
	 * Produces {@code updates} stock changes while a client reads them, dropping its
	 * connection {@code drops} times at random points and reconnecting with the id of the
	 * last event it got, as EventSource does. A second client that never drops records
	 * the truth: the dropping client must end with exactly the same event ids, in the
	 * same order. The changes start once both are sure to see them: the reference's
	 * change stream has reached the server (a getMore was sent on it), and the first
	 * connection of the other is live (its retry frame).
	 */
	void resumeAcrossDrops(String sku, int updates, int drops) {
		resumeAcrossDrops(sku, updates, drops, List.of(this.sse));
	}

	/**
	 * As {@link #resumeAcrossDrops(String, int, int)}, each connection going to the next
	 * of {@code replicas} in turn, as a client behind a load balancer may.
	 */
	void resumeAcrossDrops(String sku, int updates, int drops, List<SseClient> replicas) {
		Catalogue.stock(this.admin, sku, 0);
		String path = "/api/v1/feeds/inventory?sku=" + sku;
		int getMoresBefore = this.commands.changeStreamGetMores(InventorySchema.COLLECTION);
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
		await().atMost(Duration.ofSeconds(10))
			.until(() -> referenceOpen.get() > 0
					&& this.commands.changeStreamGetMores(InventorySchema.COLLECTION) > getMoresBefore);
		Random random = new Random(sku.hashCode());
		List<String> got = new ArrayList<>();
		String lastId = null;
		AtomicReference<Later> producer = new AtomicReference<>();
		for (int connection = 0; connection <= drops && got.size() < updates; connection++) {
			int take = (connection < drops) ? 1 + random.nextInt(2 * updates / drops) : updates - got.size();
			take = Math.min(take, updates - got.size());
			SseClient replica = replicas.get(connection % replicas.size());
			Flux<ServerSentEvent<String>> events = replica.events(path, null, null, lastId).doOnNext((frame) -> {
				if (frame.retry() != null && producer.get() == null) {
					producer.set(Later.run(Duration.ZERO, () -> adjust(sku, updates)));
				}
			}).filter(SseClient::isEvent);
			for (ServerSentEvent<String> event : events.take(take).collectList().block(Duration.ofSeconds(60))) {
				assertThat(event.event()).as("event after %s", lastId).isEqualTo("update");
				got.add(event.id());
				lastId = event.id();
			}
		}
		producer.get().join();
		await().atMost(Duration.ofSeconds(10)).until(() -> truth.size() == updates);
		reference.dispose();
		assertThat(got).hasSize(updates).doesNotHaveDuplicates().containsExactlyElementsOf(truth);
	}

	void adjust(String sku, int times) {
		for (int i = 0; i < times; i++) {
			Catalogue.adjust(this.admin, sku, 1);
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

	/**
	 * Stock changes written straight through the driver at a steady 200 a second, each
	 * one an event, with its updated_at set to the time of the write.
	 */
	void changeStockDirectly(String sku, int times) {
		MongoCollection<Document> inventory = database().getCollection(InventorySchema.COLLECTION);
		Flux.interval(Duration.ofMillis(5))
			.take(times)
			.onBackpressureBuffer()
			.concatMap((i) -> Mono.from(inventory.updateOne(Filters.eq("sku", sku),
					Updates.combine(Updates.inc("quantity", 1), Updates.inc("available", 1),
							Updates.set("updated_at", new Date())))))
			.blockLast(Duration.ofMinutes(2));
	}

	/** The database the service uses, whatever the back-end named it. */
	MongoDatabase database() {
		return this.template.getMongoDatabase().block();
	}

	/**
	 * The ids of the changes to one sku's stock, as a change stream of the test's own
	 * reads them from the database: the truth a subscriber is held to.
	 */
	ReferenceChangeStream referenceStream(String sku) {
		return new ReferenceChangeStream(this.connection, database().getName(), InventorySchema.COLLECTION,
				(document) -> sku.equals(document.getString("sku")));
	}

	/**
	 * Connects, asks for the feed, and then reads nothing, through a tiny receive window.
	 */
	Socket stalledSubscriber(String path) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(1024);
		socket.connect(new InetSocketAddress("localhost", this.port));
		OutputStream out = socket.getOutputStream();
		out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		return socket;
	}

	double openStreams() {
		return this.meters.find("shopstream.feeds.change_streams")
			.gauges()
			.stream()
			.mapToDouble((g) -> g.value())
			.sum();
	}

}
