package io.shopstream.platform.mongo.embedded;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded back-end's replies are what a document was when the command ran, however
 * many connections change it at once: the way a counter hands out numbers on a real
 * server, and how the order numbers of replicas sharing one back-end stay unique.
 */
class SnapshotMemoryDatabaseTests {

	private static final int INCREMENTS = 2_000;

	private EmbeddedMongoServer server;

	private MongoClient client;

	@BeforeEach
	void start() {
		this.server = new EmbeddedMongoServer(new EmbeddedMongoProperties(true, "shopstream", 64, 10_000, 0));
		this.client = MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(this.server.connectionString())
			.applyToConnectionPoolSettings((pool) -> pool.maxSize(32))
			.build());
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.server.close();
	}

	@Test
	void a_counter_incremented_on_many_connections_at_once_answers_every_value_once() {
		MongoCollection<Document> counters = this.client.getDatabase("shopstream").getCollection("counters");
		Mono.from(counters.insertOne(new Document("_id", "orders").append("seq", 0L))).block(Duration.ofSeconds(10));

		List<Long> answered = Flux.range(0, INCREMENTS)
			.flatMap((i) -> Mono.from(counters.findOneAndUpdate(Filters.eq("_id", "orders"), Updates.inc("seq", 1L),
					new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))), 32)
			.map((counter) -> counter.get("seq", Number.class).longValue())
			.collectList()
			.block(Duration.ofMinutes(1));

		assertThat(answered).hasSize(INCREMENTS)
			.doesNotHaveDuplicates()
			.allMatch((seq) -> seq >= 1 && seq <= INCREMENTS);
	}

	@Test
	void documents_read_while_other_connections_update_them_are_never_half_updated() {
		MongoCollection<Document> stock = this.client.getDatabase("shopstream").getCollection("inventory");
		// a long field between the two makes a reply slow to encode, as a real item's
		// warehouse list and holds do
		List<Document> locations = IntStream.range(0, 2_000)
			.mapToObj((i) -> new Document("warehouse_id", "WH-" + i).append("quantity", i))
			.toList();
		Mono.from(stock.insertOne(new Document("_id", "SKU-1").append("available", 1_000_000L)
			.append("warehouse_locations", locations)
			.append("reserved", 0L))).block(Duration.ofSeconds(10));

		// every update keeps available + reserved at 1 000 000; a reply taken half-way
		// through one would not
		Flux<Long> moves = Flux.range(0, INCREMENTS)
			.flatMap((i) -> Mono.from(stock.updateOne(Filters.eq("_id", "SKU-1"),
					Updates.combine(Updates.inc("available", -1L), Updates.inc("reserved", 1L)))), 16)
			.then(Mono.<Long>empty())
			.flux();
		Flux<Long> totals = Flux.range(0, INCREMENTS)
			.flatMap((i) -> Mono.from(stock.find(Filters.eq("_id", "SKU-1")).first()), 16)
			.map((item) -> item.get("available", Number.class).longValue()
					+ item.get("reserved", Number.class).longValue());
		List<Long> seen = Flux.merge(moves, totals).collectList().block(Duration.ofMinutes(1));

		assertThat(seen).hasSize(INCREMENTS).containsOnly(1_000_000L);
	}

}
