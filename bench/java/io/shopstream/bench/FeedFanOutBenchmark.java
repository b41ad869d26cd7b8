package io.shopstream.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.shopstream.support.Accounts;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Fan-out at scale (issue 5, "designed for scale"): many subscribers on one inventory
 * feed, in the same run against the bare Reactor Netty probe ({@link BareFanOutServer})
 * with the same load client, so the figures that matter are the ratios, not the absolute
 * numbers of a noisy machine. Each server runs in a JVM of its own; the load client runs
 * in this one, on the same cores.
 * <p>
 * Measured for each: heap per idle subscriber (after a full collection), delivery latency
 * p50 and p99 at the target rate (median of the rounds), events lost, server CPU per
 * delivery, and the deliveries per second sustained when offered more than the target.
 * <p>
 * {@code -Dbench.subscribers} (default 10 000), {@code -Dbench.rate} events a second in
 * the latency phase (2.5), {@code -Dbench.seconds} per round (20), {@code -Dbench.rounds}
 * (3), {@code -Dbench.throughput} deliveries a second offered in the last phase (50 000).
 */
class FeedFanOutBenchmark {

	private static final int SUBSCRIBERS = Integer.getInteger("bench.subscribers", 10_000);

	private static final double RATE = Double.parseDouble(System.getProperty("bench.rate", "2.5"));

	private static final int SECONDS = Integer.getInteger("bench.seconds", 20);

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

	private static final int THROUGHPUT = Integer.getInteger("bench.throughput", 50_000);

	private static final String SKU = "BENCH-0001";

	private static final int HISTOGRAM_ROWS = 15;

	@Test
	void shopstream_feeds_against_the_bare_fan_out_probe() throws Exception {
		Results bare;
		try (ServerProcess server = ServerProcess.bare("1g")) {
			awaitReady(server, "/events");
			bare = measure("bare probe", server, "/events", null,
					(count, perSecond) -> WebTestClient.bindToServer()
						.baseUrl("http://localhost:" + server.port)
						.build()
						.post()
						.uri("/emit?count={count}&per_second={rate}", count, (long) Math.ceil(perSecond))
						.exchange()
						.expectStatus()
						.isAccepted());
		}
		Results shopstream;
		try (ServerProcess server = ServerProcess.shopstream("1g")) {
			awaitReady(server, "/actuator/health/readiness");
			WebTestClient client = WebTestClient.bindToServer()
				.baseUrl("http://localhost:" + server.port)
				.responseTimeout(Duration.ofSeconds(30))
				.build();
			String token = Accounts.login(client, Accounts.ADMIN_LOGIN, Accounts.ADMIN_PASSWORD);
			WebTestClient admin = Accounts.as(client, token);
			WebClient writer = WebClient.builder()
				.baseUrl("http://localhost:" + server.port)
				.defaultHeader("Authorization", "Bearer " + token)
				.build();
			admin.put()
				.uri("/api/v1/inventory/{sku}", SKU)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"quantity\": 0, \"reorder_point\": 0, \"reorder_quantity\": 0}")
				.exchange()
				.expectStatus()
				.isOk();
			shopstream = measure("Shopstream", server, "/api/v1/feeds/inventory?sku=" + SKU, null,
					(count, perSecond) -> Flux.interval(Duration.ofNanos((long) (1e9 / perSecond)))
						.take(count)
						.onBackpressureBuffer()
						.flatMap((i) -> writer.post()
							.uri("/api/v1/inventory/{sku}/adjust", SKU)
							.contentType(MediaType.APPLICATION_JSON)
							.bodyValue("{\"delta\": 1}")
							.retrieve()
							.toBodilessEntity()
							.onErrorResume((failed) -> {
								progress("a stock change failed: %s", failed.getMessage());
								return Mono.empty();
							}), 16)
						.subscribe());
		}
		BenchReport report = new BenchReport("feed-fan-out");
		report.line("%d subscribers on one inventory feed, %.1f events/s for %d s x %d rounds; %d deliveries/s offered "
				+ "in the throughput phase", SUBSCRIBERS, RATE, SECONDS, ROUNDS, THROUGHPUT);
		report.line("%-12s %14s %10s %10s %8s %16s %16s", "server", "heap/sub (B)", "p50 (ms)", "p99 (ms)", "lost",
				"CPU/delivery", "deliveries/s");
		for (Results results : List.of(bare, shopstream)) {
			report.line("%-12s %14d %10d %10d %8d %13.1f us %16.0f", results.name, results.heapPerSubscriber,
					results.p50, results.p99, results.lost, results.cpuMicrosPerDelivery, results.deliveriesPerSecond);
		}
		report.line(
				"Shopstream / bare: heap per subscriber %.2f, p50 %.2f, p99 %.2f, CPU per delivery %.2f, "
						+ "deliveries/s %.2f",
				ratio(shopstream.heapPerSubscriber, bare.heapPerSubscriber), ratio(shopstream.p50, bare.p50),
				ratio(shopstream.p99, bare.p99), shopstream.cpuMicrosPerDelivery / bare.cpuMicrosPerDelivery,
				shopstream.deliveriesPerSecond / bare.deliveriesPerSecond);
		report.line(
				"targets (issue 5): p99 <= 200 ms at 10 000 x 2.5/s: %s; nothing lost: %s; "
						+ "<= 10 KiB heap per idle subscriber: %s; >= 45 000 deliveries/s: %s",
				verdict(shopstream.p99 <= 200), verdict(shopstream.lost == 0),
				verdict(shopstream.heapPerSubscriber <= 10 * 1024), verdict(shopstream.deliveriesPerSecond >= 45_000));
		for (Results results : List.of(bare, shopstream)) {
			report.line("%s, heap per idle subscriber by class (top %d):", results.name, HISTOGRAM_ROWS);
			results.heldBy.forEach((row) -> report.line("  %s", row));
		}
		report.write();
	}

	private static Results measure(String name, ServerProcess server, String path, String bearer, Emitter emitter)
			throws Exception {
		Results results = new Results(name);
		try (SseLoad load = new SseLoad(server.port, bearer)) {
			long heapBefore = server.heapAfterGc();
			Map<String, Long> classesBefore = server.classHistogram();
			load.connect(path, SUBSCRIBERS, Duration.ofMinutes(5));
			Thread.sleep(1000);
			results.heapPerSubscriber = (server.heapAfterGc() - heapBefore) / SUBSCRIBERS;
			progress("%s: %d subscribers connected, %d B of heap each", name, SUBSCRIBERS, results.heapPerSubscriber);
			Map<String, Long> classesAfter = server.classHistogram();
			classesAfter.entrySet()
				.stream()
				.map((entry) -> Map.entry(entry.getKey(),
						entry.getValue() - classesBefore.getOrDefault(entry.getKey(), 0L)))
				.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
				.limit(HISTOGRAM_ROWS)
				.forEach((entry) -> results.heldBy
					.add(String.format(Locale.ROOT, "%6d B  %s", entry.getValue() / SUBSCRIBERS, entry.getKey())));

			emitAndWait(load, emitter, (int) Math.ceil(RATE * 2), RATE);
			List<Long> p50s = new ArrayList<>();
			List<Long> p99s = new ArrayList<>();
			long delivered = 0;
			long expected = 0;
			Duration cpu = Duration.ZERO;
			for (int round = 0; round < ROUNDS; round++) {
				int events = (int) Math.round(RATE * SECONDS);
				load.reset();
				Duration cpuBefore = server.cpu();
				emitAndWait(load, emitter, events, RATE);
				cpu = cpu.plus(server.cpu().minus(cpuBefore));
				p50s.add(load.percentile(0.50));
				p99s.add(load.percentile(0.99));
				delivered += load.deliveries();
				expected += (long) events * SUBSCRIBERS;
				progress("%s round %d: p50 %d ms, p99 %d ms, %d of %d delivered", name, round + 1,
						load.percentile(0.50), load.percentile(0.99), load.deliveries(), (long) events * SUBSCRIBERS);
			}
			results.p50 = median(p50s);
			results.p99 = median(p99s);
			results.lost = expected - delivered;
			results.cpuMicrosPerDelivery = cpu.toNanos() / 1000.0 / Math.max(1, delivered);

			double rate = (double) THROUGHPUT / SUBSCRIBERS;
			int events = (int) Math.round(rate * SECONDS);
			load.reset();
			long start = System.nanoTime();
			long arrived = emitAndWait(load, emitter, events, rate);
			results.deliveriesPerSecond = load.deliveries() / ((arrived - start) / 1e9);
			progress("%s throughput: %.0f deliveries/s sustained of %d offered", name, results.deliveriesPerSecond,
					THROUGHPUT);
		}
		return results;
	}

	/**
	 * Emits and waits until every subscriber has every event, or the events stop coming;
	 * the time of the last.
	 */
	private static long emitAndWait(SseLoad load, Emitter emitter, int events, double perSecond)
			throws InterruptedException {
		long expected = load.deliveries() + (long) events * SUBSCRIBERS;
		emitter.emit(events, perSecond);
		long last = System.nanoTime();
		long seen = load.deliveries();
		while (seen < expected) {
			Thread.sleep(50);
			long now = load.deliveries();
			if (now != seen) {
				seen = now;
				last = System.nanoTime();
			}
			else if (System.nanoTime() - last > Duration.ofSeconds(15).toNanos()
					&& System.nanoTime() - last > (long) (events / perSecond * 1e9)) {
				break;
			}
		}
		return last;
	}

	private static void awaitReady(ServerProcess server, String path) throws Exception {
		WebTestClient client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + server.port)
			.responseTimeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (true) {
			try {
				if (path.equals("/events")
						? client.post()
							.uri("/emit?count=0&per_second=1")
							.exchange()
							.returnResult(Void.class)
							.getStatus()
							.is2xxSuccessful()
						: client.get().uri(path).exchange().returnResult(Void.class).getStatus().is2xxSuccessful()) {
					return;
				}
			}
			catch (RuntimeException notYet) {
				// not listening yet
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("server not ready in time:\n" + server.log());
			}
			Thread.sleep(500);
		}
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private static double ratio(long a, long b) {
		return (b == 0) ? Double.NaN : (double) a / b;
	}

	private static String verdict(boolean met) {
		return met ? "met" : "MISSED";
	}

	private static void progress(String format, Object... arguments) {
		System.out.printf(Locale.ROOT, "[bench] " + format + "%n", arguments);
	}

	@FunctionalInterface
	private interface Emitter {

		void emit(int count, double perSecond);

	}

	private static final class Results {

		final String name;

		long heapPerSubscriber;

		long p50;

		long p99;

		long lost;

		double cpuMicrosPerDelivery;

		double deliveriesPerSecond;

		final List<String> heldBy = new ArrayList<>();

		Results(String name) {
			this.name = name;
		}

	}

}
