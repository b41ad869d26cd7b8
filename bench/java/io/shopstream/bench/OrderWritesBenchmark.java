package io.shopstream.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.shopstream.support.Accounts;
import io.shopstream.support.Catalogue;
import io.shopstream.support.Fixtures;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Placing orders under 64 concurrent API clients, against the least that placing one
 * takes through the driver.
 * <p>
 * The embedded back-end, Shopstream (512 MB heap) and this JVM, as in
 * {@link ProductReadsBenchmark}. Shopstream: wrk sends {@code POST /api/v1/orders} for
 * one unit of one sku (stocked with 50 million) on 64 connections, as one signed-in
 * customer. The raw loop, 64 in flight: reserve the unit (the conditional {@code $inc} of
 * the sku's available and reserved) and insert an order document copied from one
 * Shopstream wrote, both at write concern majority. Shopstream does more for an order
 * than that: it reads the customer and the product, takes the next order number, holds
 * the stock, inserts the order and settles the hold; the ratio says what that costs.
 * <p>
 * Each side warmed for {@code -Dbench.orders.warmup} seconds (180), then measured
 * {@code -Dbench.orders.rounds} times (3) for {@code -Dbench.orders.seconds} (15), the
 * sides alternating; medians. Target: Shopstream at least 0.5 × the raw loop.
 */
class OrderWritesBenchmark {

	private static final int WARMUP_SECONDS = Integer.getInteger("bench.orders.warmup", 180);

	private static final int ROUNDS = Integer.getInteger("bench.orders.rounds", 3);

	private static final int SECONDS = Integer.getInteger("bench.orders.seconds", 15);

	private static final int CONNECTIONS = 64;

	@Test
	@Timeout(value = 1, unit = TimeUnit.HOURS)
	void placing_orders_against_a_raw_reserve_and_insert_loop() throws Exception {
		BenchReport report = new BenchReport("OrderWritesBenchmark");
		// The back-end keeps every order in memory: the orders of each run are deleted
		// once it is measured, and a short oplog keeps the copies it holds few, so that
		// its heap does not fill and its collections cost every run the same.
		try (ServerProcess backend = ServerProcess.embeddedBackend("4g", 5_000);
				ServerProcess service = ServerProcess.shopstreamOn(backend, "512m").awaitReady();
				MongoClient client = MongoClients
					.create(LeanProductServer.settings("mongodb://127.0.0.1:" + backend.port + "/shopstream"))) {
			WebTestClient http = WebTestClient.bindToServer()
				.baseUrl("http://127.0.0.1:" + service.port)
				.responseTimeout(Duration.ofSeconds(30))
				.build();
			WebTestClient admin = Accounts.admin(http);
			String sku = Fixtures.unique("BENCH-ORDER-");
			Catalogue.product(admin, sku, "3.00", null);
			Catalogue.stock(admin, sku, 50_000_000);
			String token = Accounts.signUp(http, "orders").token();
			String body = Catalogue.order(sku, "1");

			MongoCollection<Document> inventory = client.getDatabase("shopstream").getCollection("inventory");
			MongoCollection<Document> orders = client.getDatabase("shopstream").getCollection("orders");
			Side shopstream = new Side("Shopstream", service,
					(duration) -> Wrk.post(service.port, "/api/v1/orders", body, token, CONNECTIONS, duration));

			progress("warming Shopstream for %d s", WARMUP_SECONDS);
			shopstream.measure(Duration.ofSeconds(WARMUP_SECONDS), backend);
			Document written = Mono.from(orders.find(Filters.eq("items.sku", sku)).first())
				.block(Duration.ofSeconds(10));
			Runnable forget = () -> Mono.from(orders.deleteMany(Filters.eq("items.sku", sku)))
				.block(Duration.ofMinutes(2));
			forget.run();
			AtomicLong sequence = new AtomicLong();
			IntFunction<Mono<?>> reserveAndInsert = (i) -> Mono
				.from(inventory.updateOne(Filters.and(Filters.eq("sku", sku), Filters.gte("available", 1L)),
						Updates.combine(Updates.inc("available", -1L), Updates.inc("reserved", 1L),
								Updates.set("updated_at", new Date()))))
				.flatMap((result) -> (result.getModifiedCount() == 1) ? Mono.just(result)
						: Mono.error(new IllegalStateException("out of stock")))
				.then(Mono.defer(() -> {
					Document order = new Document(written);
					order.put("_id", new ObjectId());
					order.put("order_number", "RAW-" + sequence.incrementAndGet());
					order.put("created_at", Date.from(Instant.now()));
					return Mono.from(orders.insertOne(order));
				}));
			Side raw = new Side("raw loop", null, (duration) -> RawLoad.run(reserveAndInsert, CONNECTIONS, duration));
			progress("warming the raw loop for %d s", WARMUP_SECONDS);
			raw.measure(Duration.ofSeconds(WARMUP_SECONDS), backend);
			forget.run();

			List<ProductReadsBenchmark.Measured> fromRaw = new ArrayList<>();
			List<ProductReadsBenchmark.Measured> fromShopstream = new ArrayList<>();
			for (int round = 1; round <= ROUNDS; round++) {
				for (Side side : List.of(raw, shopstream)) {
					ProductReadsBenchmark.Measured measured = side.measure(Duration.ofSeconds(SECONDS), backend);
					((side == raw) ? fromRaw : fromShopstream).add(measured);
					forget.run();
					progress("round %d, %s: %.0f orders/s, p99 %.2f ms, %d errors", round, side.name,
							measured.perSecond(), measured.p99Micros() / 1000.0, measured.errors());
				}
			}
			report.line("one-item orders at %d connections; medians of %d rounds of %d s after %d s of warm-up",
					CONNECTIONS, ROUNDS, SECONDS, WARMUP_SECONDS);
			report.line("  %-12s %10s %9s %9s %12s %12s %7s", "", "orders/s", "p50 ms", "p99 ms", "CPU us/req",
					"back-end us", "errors");
			for (Side side : List.of(raw, shopstream)) {
				List<ProductReadsBenchmark.Measured> runs = (side == raw) ? fromRaw : fromShopstream;
				report.line("  %-12s %10.0f %9.2f %9.2f %12.0f %12.0f %7d", side.name,
						ProductReadsBenchmark.median(runs, ProductReadsBenchmark.Measured::perSecond),
						ProductReadsBenchmark.median(runs, (run) -> run.p50Micros()) / 1000.0,
						ProductReadsBenchmark.median(runs, (run) -> run.p99Micros()) / 1000.0,
						ProductReadsBenchmark.median(runs, ProductReadsBenchmark.Measured::cpuMicrosPerRequest),
						ProductReadsBenchmark.median(runs, ProductReadsBenchmark.Measured::backendMicrosPerRequest),
						runs.stream().mapToLong(ProductReadsBenchmark.Measured::errors).sum());
			}
			double ratio = ProductReadsBenchmark.median(fromShopstream, ProductReadsBenchmark.Measured::perSecond)
					/ ProductReadsBenchmark.median(fromRaw, ProductReadsBenchmark.Measured::perSecond);
			report.line("  Shopstream / raw loop %.2f (target >= 0.5: %s)", ratio, (ratio >= 0.5) ? "met" : "MISSED");
		}
		report.write();
	}

	private static void progress(String format, Object... arguments) {
		System.out.println("[bench] " + String.format(format, arguments));
	}

	/** Shopstream through wrk, or the raw loop in this JVM. */
	record Side(String name, ServerProcess server, ProductReadsBenchmark.Load load) {

		ProductReadsBenchmark.Measured measure(Duration duration, ServerProcess backend) throws Exception {
			return ProductReadsBenchmark.measured(this.server, backend, duration, this.load);
		}

	}

}
