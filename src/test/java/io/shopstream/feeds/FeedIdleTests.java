package io.shopstream.feeds;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.shopstream.ShopstreamApplication;
import io.shopstream.support.Accounts;
import io.shopstream.support.SseClient;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service in a process of its own, on the embedded back-end with the demo data loaded and
 * all three feeds open: idle, it uses almost no CPU (change-stream cursors wait instead of
 * polling), and a change still reaches a subscriber within 50 ms. A separate process, so that
 * only the service's own CPU time is counted.
 */
class FeedIdleTests {

	@Test
	void three_open_feeds_cost_almost_no_cpu_when_idle_and_deliver_quickly() throws Exception {
		int port = freePort();
		Path log = Files.createTempFile("shopstream-idle", ".log");
		Process service = new ProcessBuilder(javaExecutable(), "-Xmx512m", "-cp", classPath(),
				ShopstreamApplication.class.getName(), "--spring.profiles.active=test", "--server.port=" + port,
				"--shopstream.demo.enabled=true")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
				.responseTimeout(Duration.ofSeconds(10)).build();
			await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
				.until(() -> client.get().uri("/actuator/health/readiness").exchange().returnResult(String.class)
					.getStatus().is2xxSuccessful());
			String token = Accounts.login(client, Accounts.ADMIN_LOGIN, Accounts.ADMIN_PASSWORD);
			WebTestClient admin = Accounts.as(client, token);
			SseClient sse = new SseClient(port);
			AtomicInteger connected = new AtomicInteger();
			Map<Integer, Long> latencyByQuantity = new ConcurrentHashMap<>();
			List<Disposable> feeds = new ArrayList<>();
			for (String feed : List.of("users", "orders", "inventory?sku=DEMO-0001")) {
				feeds.add(sse.events("/api/v1/feeds/" + feed, token, null, null).subscribe((event) -> {
					if (event.retry() != null) {
						connected.incrementAndGet();
					}
					else if (event.event() != null && event.data().contains("\"sku\":\"DEMO-0001\"")) {
						Instant arrived = Instant.now();
						int quantity = Integer.parseInt(event.data().replaceAll(".*\"quantity\":(\\d+).*", "$1"));
						Instant changed = Instant.parse(event.data().replaceAll(".*\"updated_at\":\"([^\"]+)\".*", "$1"));
						latencyByQuantity.putIfAbsent(quantity, Duration.between(changed, arrived).toMillis());
					}
				}));
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> connected.get() == 3);
			double coreShare = steadyIdleShare(service.toHandle());
			System.out.printf("[shopstream] idle with three feeds open: %.1f %% of one core%n", coreShare * 100);
			assertThat(coreShare).as("share of one core the idle service uses").isLessThanOrEqualTo(0.05);

			List<Long> latencies = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				int quantity = 10_000 + i;
				admin.put().uri("/api/v1/inventory/DEMO-0001").contentType(MediaType.APPLICATION_JSON)
					.bodyValue("{\"quantity\": " + quantity + ", \"reorder_point\": 20, \"reorder_quantity\": 200}")
					.exchange().expectStatus().isOk();
				await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
					.until(() -> latencyByQuantity.containsKey(quantity));
				latencies.add(latencyByQuantity.get(quantity));
			}
			feeds.forEach(Disposable::dispose);
			Collections.sort(latencies);
			long p99 = latencies.get(98);
			System.out.printf("[shopstream] change (its updated_at) to subscriber: p50 %d ms, p99 %d ms%n",
					latencies.get(50), p99);
			assertThat(p99).as("p99 milliseconds from a change to its event at a subscriber").isLessThanOrEqualTo(50);
		}
		finally {
			service.destroy();
			if (!service.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
				service.destroyForcibly().waitFor();
			}
			Files.deleteIfExists(log);
		}
	}

	/**
	 * The share of one core the process uses while idle: the lowest of up to twelve 5-second
	 * windows, stopping at the first one within budget. After start-up and the demo load the JIT
	 * compiler keeps compiling for a while; that is warm-up, not the cost of being idle.
	 */
	private static double steadyIdleShare(ProcessHandle process) throws InterruptedException {
		double lowest = Double.MAX_VALUE;
		for (int window = 0; window < 12 && lowest > 0.05; window++) {
			Duration cpuBefore = process.info().totalCpuDuration().orElseThrow();
			long wallBefore = System.nanoTime();
			Thread.sleep(5000);
			Duration cpu = process.info().totalCpuDuration().orElseThrow().minus(cpuBefore);
			lowest = Math.min(lowest, (double) cpu.toNanos() / (System.nanoTime() - wallBefore));
		}
		return lowest;
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** The test class path: surefire puts it in a property and starts the fork from a manifest-only jar. */
	private static String classPath() {
		String classPath = System.getProperty("surefire.test.class.path");
		return classPath != null ? classPath : System.getProperty("java.class.path").replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
