package io.shopstream.bench;

import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.shopstream.support.Accounts;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Importing 100 000 products as NDJSON, against raw {@code bulkWrite} batches of 1 000.
 * <p>
 * The embedded back-end, Shopstream with a 256 MB heap, and this JVM. Shopstream: the
 * file is sent to {@code POST /api/v1/products/bulk} as it is read from disk; the service
 * checks each line and upserts by sku in unordered batches of 1 000. The raw side reads
 * the same file, parses each line into a document and sends the same upserts by sku
 * ({@code $setOnInsert}) in unordered {@code bulkWrite}s of 1 000, at write concern
 * majority, one batch at a time as the service does. Every run imports new skus, deleted
 * once it is measured. Shopstream logs its collections, and its peak heap is the most it
 * had in use before any of them (garbage included), read from that log.
 * <p>
 * One warm-up import of {@code -Dbench.import.warmup} products (50 000) per side, then
 * {@code -Dbench.import.rounds} (3) rounds of {@code -Dbench.import.products} (100 000),
 * the sides alternating; medians. Target: Shopstream at least 0.8 × raw
 * {@code bulkWrite}, its heap at most 256 MiB.
 */
class BulkImportBenchmark {

	private static final int PRODUCTS = Integer.getInteger("bench.import.products", 100_000);

	private static final int WARMUP = Integer.getInteger("bench.import.warmup", 50_000);

	private static final int ROUNDS = Integer.getInteger("bench.import.rounds", 3);

	private static final int BATCH = 1000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	@Timeout(value = 1, unit = TimeUnit.HOURS)
	void ndjson_import_against_raw_bulk_writes() throws Exception {
		BenchReport report = new BenchReport("BulkImportBenchmark");
		Path gcLog = Files.createTempFile("shopstream-import-gc", ".log");
		// Every import's products are deleted once it is measured, and a short oplog
		// keeps the back-end's copies few, so that every import meets the same
		// collection.
		try (ServerProcess backend = ServerProcess.embeddedBackend("4g", 5_000);
				ServerProcess service = ServerProcess.shopstreamOn(backend, "256m", gcLog).awaitReady();
				MongoClient client = MongoClients
					.create(LeanProductServer.settings("mongodb://127.0.0.1:" + backend.port + "/shopstream"))) {
			String token = Accounts.login(
					WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + service.port).build(),
					Accounts.ADMIN_LOGIN, Accounts.ADMIN_PASSWORD);
			MongoCollection<Document> products = client.getDatabase("shopstream").getCollection("products");

			progress("warming both sides with %d products each", WARMUP);
			Path warmup = file("WARM", WARMUP);
			viaShopstream(service, token, warmup);
			forget(products, "WARM");
			viaBulkWrite(products, warmup);
			forget(products, "WARM");
			Files.delete(warmup);

			List<Double> shopstreamRates = new ArrayList<>();
			List<Double> rawRates = new ArrayList<>();
			List<Long> peaks = new ArrayList<>();
			for (int round = 1; round <= ROUNDS; round++) {
				Path raw = file("RAW" + round, PRODUCTS);
				double rawRate = PRODUCTS / seconds(() -> viaBulkWrite(products, raw));
				Files.delete(raw);
				forget(products, "RAW" + round);
				Path ndjson = file("IMP" + round, PRODUCTS);
				double rate = PRODUCTS / seconds(() -> viaShopstream(service, token, ndjson));
				long peak = ServerProcess.peakHeap(gcLog);
				Files.delete(ndjson);
				forget(products, "IMP" + round);
				rawRates.add(rawRate);
				shopstreamRates.add(rate);
				peaks.add(peak);
				progress("round %d: raw bulkWrite %.0f products/s, Shopstream %.0f products/s, peak heap %d MiB", round,
						rawRate, rate, peak >> 20);
			}
			double raw = median(rawRates);
			double imported = median(shopstreamRates);
			long peak = peaks.stream().mapToLong(Long::longValue).max().orElseThrow();
			report.line("%d products per import, batches of %d; medians of %d rounds after a %d-product warm-up",
					PRODUCTS, BATCH, ROUNDS, WARMUP);
			report.line("  raw bulkWrite   %8.0f products/s", raw);
			report.line("  Shopstream      %8.0f products/s, heap at most %d MiB in use (of 256)", imported,
					peak >> 20);
			double ratio = imported / raw;
			report.line("  Shopstream / raw bulkWrite %.2f (target >= 0.8: %s); peak heap %d MiB (<= 256: %s)", ratio,
					(ratio >= 0.8) ? "met" : "MISSED", peak >> 20, (peak <= (256L << 20)) ? "met" : "MISSED");
		}
		finally {
			Files.deleteIfExists(gcLog);
		}
		report.write();
	}

	/** NDJSON of new products, their skus starting with the prefix. */
	private static Path file(String prefix, int count) throws Exception {
		Path file = Files.createTempFile("shopstream-import", ".ndjson");
		try (BufferedWriter out = Files.newBufferedWriter(file)) {
			for (int i = 0; i < count; i++) {
				out.write(
						"""
								{"sku":"%s-%07d","name":"Imported product %d","description":"Product %d of a catalogue \
								import, with a description of ordinary length","category":{"name":"Imported","slug":"imported-%d"},\
								"attributes":{"color":"blue","weight_g":%d},"pricing":{"base_price":"%d.99","currency":"USD",\
								"tax_rate":"0.08"}}
								"""
							.formatted(prefix, i, i, i, i % 20, 100 + i % 900, 1 + i % 500));
			}
		}
		return file;
	}

	/** Deletes the products whose skus start with the prefix. */
	private static void forget(MongoCollection<Document> products, String prefix) {
		Mono.from(products.deleteMany(Filters.regex("sku", "^" + prefix + "-"))).block(Duration.ofMinutes(5));
	}

	private static void viaShopstream(ServerProcess service, String token, Path ndjson) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port + "/api/v1/products/bulk"))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/x-ndjson")
				.timeout(Duration.ofMinutes(20))
				.POST(HttpRequest.BodyPublishers.ofFile(ndjson))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("the import answered " + response.statusCode() + ": " + response.body());
		}
		Map<?, ?> outcome = JSON.readValue(response.body(), Map.class);
		Object refused = outcome.get("error_count");
		if (refused instanceof Number number && number.longValue() > 0) {
			throw new IllegalStateException("the import refused lines: " + response.body());
		}
	}

	private static void viaBulkWrite(MongoCollection<Document> products, Path ndjson) throws Exception {
		AtomicLong written = new AtomicLong();
		try (Stream<String> lines = Files.lines(ndjson)) {
			Flux.fromStream(lines)
				.map(Document::parse)
				.<WriteModel<Document>>map((product) -> new UpdateOneModel<>(Filters.eq("sku", product.get("sku")),
						new Document("$setOnInsert", product), new UpdateOptions().upsert(true)))
				.buffer(BATCH)
				.concatMap((batch) -> Mono.from(products.bulkWrite(batch, new BulkWriteOptions().ordered(false))), 1)
				.doOnNext((result) -> written.addAndGet(result.getUpserts().size() + result.getMatchedCount()))
				.blockLast(Duration.ofMinutes(20));
		}
		if (written.get() != Files.lines(ndjson).count()) {
			throw new IllegalStateException("bulkWrite wrote " + written.get() + " products");
		}
	}

	private static double seconds(Work work) throws Exception {
		long start = System.nanoTime();
		work.run();
		return (System.nanoTime() - start) / 1e9;
	}

	private static double median(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static void progress(String format, Object... arguments) {
		System.out.println("[bench] " + String.format(format, arguments));
	}

	/** Something timed. */
	interface Work {

		void run() throws Exception;

	}

}
