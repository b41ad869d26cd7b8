package io.shopstream.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.shopstream.support.Accounts;
import io.shopstream.support.SseClient;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What the live feeds cost an idle service, and how quickly a change reaches a subscriber
 * (issue 5, item 0): Shopstream in a JVM of its own on the embedded back-end with the
 * demo data loaded. Idle CPU is measured first with no feed open (the baseline), then
 * with all three feeds open; the latency from a change (its {@code updated_at}) to its
 * event at a subscriber is set beside the round trip of the REST write that made the
 * change, measured in the same run.
 * <p>
 * Targets: idle with three feeds open at most 5 % of one core; an event at a subscriber
 * within 50 ms p99.
 */
class FeedIdleBenchmark {

	private static final int WINDOWS = Integer.getInteger("bench.windows", 6);

	private static final int CHANGES = Integer.getInteger("bench.changes", 200);

	@Test
	void idle_cpu_and_change_latency_with_three_feeds_open() throws Exception {
		try (ServerProcess service = ServerProcess.shopstream("512m", "--shopstream.demo.enabled=true")) {
			WebTestClient client = WebTestClient.bindToServer()
				.baseUrl("http://localhost:" + service.port)
				.responseTimeout(Duration.ofSeconds(10))
				.build();
			awaitDemoLoaded(service, client);
			String token = Accounts.login(client, Accounts.ADMIN_LOGIN, Accounts.ADMIN_PASSWORD);
			WebTestClient admin = Accounts.as(client, token);

			Thread.sleep(20_000);
			double baseline = medianIdleShare(service);
			progress("idle, no feed open: %.2f %% of one core", baseline * 100);

			SseClient sse = new SseClient(service.port);
			AtomicInteger connected = new AtomicInteger();
			Map<Integer, Long> eventMillis = new ConcurrentHashMap<>();
			List<Disposable> feeds = new ArrayList<>();
			for (String feed : List.of("users", "orders", "inventory?sku=DEMO-0001")) {
				feeds.add(sse.events("/api/v1/feeds/" + feed, token, null, null).subscribe((event) -> {
					if (event.retry() != null) {
						connected.incrementAndGet();
					}
					else if (event.event() != null && event.data().contains("\"sku\":\"DEMO-0001\"")) {
						Instant arrived = Instant.now();
						int quantity = Integer.parseInt(event.data().replaceAll(".*\"quantity\":(\\d+).*", "$1"));
						Instant changed = Instant
							.parse(event.data().replaceAll(".*\"updated_at\":\"([^\"]+)\".*", "$1"));
						eventMillis.putIfAbsent(quantity, Duration.between(changed, arrived).toMillis());
					}
				}));
			}
			while (connected.get() < 3) {
				Thread.sleep(50);
			}
			Thread.sleep(5000);
			double withFeeds = medianIdleShare(service);
			progress("idle, three feeds open: %.2f %% of one core", withFeeds * 100);

			List<Long> writeMillis = new ArrayList<>();
			List<Long> latencies = new ArrayList<>();
			for (int i = 0; i < CHANGES; i++) {
				int quantity = 10_000 + i;
				long start = System.nanoTime();
				admin.put()
					.uri("/api/v1/inventory/DEMO-0001")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("{\"quantity\": " + quantity + ", \"reorder_point\": 20, \"reorder_quantity\": 200}")
					.exchange()
					.expectStatus()
					.isOk();
				writeMillis.add((System.nanoTime() - start) / 1_000_000);
				long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
				while (!eventMillis.containsKey(quantity) && System.nanoTime() < deadline) {
					Thread.sleep(1);
				}
				latencies.add(eventMillis.getOrDefault(quantity, 10_000L));
				Thread.sleep(20);
			}
			feeds.forEach(Disposable::dispose);

			BenchReport report = new BenchReport("feed-idle");
			report.line("Shopstream on the embedded back-end with the demo data; idle CPU as the median of %d "
					+ "5-second windows", WINDOWS);
			report.line("idle CPU, no feed open (baseline):  %5.2f %% of one core", baseline * 100);
			report.line("idle CPU, three feeds open:        %5.2f %% of one core (target <= 5 %%: %s)", withFeeds * 100,
					(withFeeds <= 0.05) ? "met" : "MISSED");
			report.line("REST write round trip (baseline):  p50 %3d ms, p99 %3d ms over %d writes",
					percentile(writeMillis, 0.50), percentile(writeMillis, 0.99), CHANGES);
			report.line("change to event at a subscriber:   p50 %3d ms, p99 %3d ms (target p99 <= 50 ms: %s)",
					percentile(latencies, 0.50), percentile(latencies, 0.99),
					(percentile(latencies, 0.99) <= 50) ? "met" : "MISSED");
			report.line("event p50 / write p50: %.2f",
					(double) percentile(latencies, 0.50) / Math.max(1, percentile(writeMillis, 0.50)));
			report.write();
		}
	}

	/** Readiness: the demo data is loaded before the service reports ready. */
	private static void awaitDemoLoaded(ServerProcess service, WebTestClient client) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		while (true) {
			try {
				if (client.get()
					.uri("/actuator/health/readiness")
					.exchange()
					.returnResult(Void.class)
					.getStatus()
					.is2xxSuccessful()) {
					return;
				}
			}
			catch (RuntimeException notYet) {
				// not listening yet
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("service not ready with its demo data in time:\n" + service.log());
			}
			Thread.sleep(1000);
		}
	}

	/** The median share of one core the process used over several 5-second windows. */
	private static double medianIdleShare(ServerProcess service) throws InterruptedException {
		List<Double> shares = new ArrayList<>();
		for (int window = 0; window < WINDOWS; window++) {
			Duration cpuBefore = service.cpu();
			long wallBefore = System.nanoTime();
			Thread.sleep(5000);
			shares.add((double) service.cpu().minus(cpuBefore).toNanos() / (System.nanoTime() - wallBefore));
		}
		Collections.sort(shares);
		return shares.get(shares.size() / 2);
	}

	private static long percentile(List<Long> values, double share) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * share) - 1));
	}

	private static void progress(String format, Object... arguments) {
		System.out.printf(Locale.ROOT, "[bench] " + format + "%n", arguments);
	}

}
