package io.shopstream.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.shopstream.support.Accounts;
import io.shopstream.support.Catalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Overload protection over a long run: Shopstream in a JVM of its own (512 MB heap) on
 * the embedded back-end, itself in a JVM of its own, with the demo data, with small
 * limits, under a steady mixed load (product reads, orders placed by the demo customers,
 * 2 000 feed subscribers of whom 2 % reconnect every 5 seconds, half of them resuming
 * with Last-Event-ID) while, for a third of every sample interval, a flood asks for twice
 * what the limits allow: one client reading at twice its rate, one writing at twice its
 * rate, twice the feed connections the instance has room left for, and one client opening
 * twice its share of feeds. The flood is meant to get 429 and 503; everybody else is
 * meant to be served as if it were not there, and nothing is meant to accumulate.
 * <p>
 * At the end of every interval, the flood over: the server's heap after a full collection
 * (as {@link ServerProcess#heapAfterGc()} reads it, and as the live objects a class
 * histogram counts), its open file descriptors and threads, and the
 * {@code shopstream.limits.*} meters. Throughout: every response by source and status
 * (2xx, 429, 503, anything else including timeouts and connection errors), refusals that
 * lack {@code Retry-After} or the {@code RateLimit} fields, and the latency of refusals
 * beside that of admitted reads. All load comes from this JVM over loopback; clients are
 * told apart by {@code X-Forwarded-For} (fake 10.x.y.z addresses, a header only, which
 * the test profile trusts) or by their account. The back-end runs apart so that the
 * service's heap holds only what the service itself keeps: the orders the soak writes
 * grow the back-end's heap, which is shown beside it.
 * <p>
 * Targets: the service's live heap after a full collection at the end at most 5 % above
 * the start of steady state; open file descriptors and threads flat; no error besides the
 * intended 429 and 503; every feed place and catch-up cursor given back once the load is
 * gone.
 * <p>
 * {@code -Dbench.soak.minutes} of steady state (default 30) after one warm-up interval,
 * {@code -Dbench.soak.sample} seconds per interval (60), {@code -Dbench.soak.flood}
 * seconds of flood in each (20), {@code -Dbench.soak.subscribers} (2 000),
 * {@code -Dbench.soak.reads} product reads a second (150), {@code -Dbench.soak.orders}
 * orders a second (3).
 */
class OverloadSoakBenchmark {

	private static final int MINUTES = Integer.getInteger("bench.soak.minutes", 30);

	private static final int SAMPLE_SECONDS = Integer.getInteger("bench.soak.sample", 60);

	private static final int FLOOD_SECONDS = Integer.getInteger("bench.soak.flood", 20);

	private static final int SUBSCRIBERS = Integer.getInteger("bench.soak.subscribers", 2000);

	private static final int READS = Integer.getInteger("bench.soak.reads", 150);

	private static final double ORDERS = Double.parseDouble(System.getProperty("bench.soak.orders", "3"));

	/**
	 * Room for 10 % more feeds than the steady subscribers: the flood takes that and asks
	 * for as much again.
	 */
	private static final int FEEDS_PER_INSTANCE = SUBSCRIBERS + SUBSCRIBERS / 10;

	private static final int FEEDS_PER_CLIENT = 4;

	private static final int READS_PER_SECOND = 10;

	/** The last part of a problem document's type, which names what went wrong. */
	private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"[^\"]*/([^\"/]+)\"");

	/**
	 * Stock a sku needs to take orders for the whole soak: about 9 000 units are ordered
	 * in 30 minutes, spread over the skus that have this much.
	 */
	private static final long ORDERABLE_STOCK = 200;

	private static final int WRITES_PER_SECOND = 2;

	/**
	 * Anonymous subscribers per address: below the per-client cap even while one of them
	 * reconnects.
	 */
	private static final int FEEDS_PER_ADDRESS = 2;

	/**
	 * Steady readers: 150 reads a second over 200 addresses is under one a second each,
	 * far below the limit.
	 */
	private static final int READ_ADDRESSES = 200;

	private static final int CUSTOMERS = 50;

	private static final int CHURN_PERCENT = 2;

	private static final Duration CHURN_EVERY = Duration.ofSeconds(5);

	/**
	 * What an EventSource waits before reconnecting when the server ends a stream or
	 * cannot be reached.
	 */
	private static final Duration RECONNECT = Duration.ofSeconds(3);

	/** A request whose answer takes longer counts as a timeout. */
	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	/**
	 * A feed's first frame that takes longer counts as a timeout. Browsers wait
	 * indefinitely; a bound keeps the run bounded, and a long one keeps a busy moment
	 * from turning every waiting subscriber into a reconnecting one.
	 */
	private static final Duration FEED_TIMEOUT = Duration.ofSeconds(30);

	private static final int MAX_IN_FLIGHT = 64;

	private static final String FLOOD_READER = "10.9.0.1";

	private static final String FLOOD_WRITER = "10.9.0.2";

	private static final String FLOOD_FEED_HOG = "10.9.0.3";

	private static final Pattern DEMO_PASSWORD = Pattern.compile("password for all: ([^)\\s]+)\\)");

	private static final Pattern METER = Pattern
		.compile("(?m)^(shopstream_limits_in_use|shopstream_limits_capacity|shopstream_limits_rejected_total|"
				+ "shopstream_feeds_subscribers)\\{[^}]*(?:limit|feed)=\"([^\"]+)\"[^}]*\\} (\\S+)$");

	// The project's ten-minute limit is for tests; a soak runs as long as it is
	// told, at most 180 minutes.
	@Test
	@Timeout(value = 4, unit = TimeUnit.HOURS)
	void limits_hold_steady_under_mixed_load_and_a_recurring_flood() throws Exception {
		if (MINUTES < 1 || MINUTES > 180 || FLOOD_SECONDS * 2 > SAMPLE_SECONDS) {
			throw new IllegalArgumentException(
					"bench.soak.minutes must be 1 to 180, and bench.soak.flood at most half of bench.soak.sample");
		}
		// Both are bounded stores that fill at the write rate: a 10 000-event replay
		// ring or a 50 000-entry oplog would still be filling after 30 minutes and read
		// as a leak. Kept small, they are full before steady state starts (the ring in
		// half a minute, the oplog with the demo data); subscribers resuming from further
		// back go through catch-up cursors, which the soak then exercises too.
		try (ServerProcess backend = ServerProcess.embeddedBackend("1g", 5000);
				ServerProcess service = ServerProcess.shopstreamOn(backend, "512m", "--shopstream.demo.enabled=true",
						// The demo customers' password is logged at INFO; the test
						// logging
						// configuration shows WARN only.
						"--logging.level.io.shopstream.demo=INFO",
						"--shopstream.limits.feeds-per-instance=" + FEEDS_PER_INSTANCE,
						"--shopstream.limits.feeds-per-client=" + FEEDS_PER_CLIENT,
						"--shopstream.limits.requests-per-second-per-client=" + READS_PER_SECOND,
						"--shopstream.limits.writes-per-second-per-client=" + WRITES_PER_SECOND,
						"--shopstream.feeds.replay-size=100")) {
			WebTestClient client = WebTestClient.bindToServer()
				.baseUrl("http://127.0.0.1:" + service.port)
				.responseTimeout(TIMEOUT)
				.build();
			awaitDemoLoaded(service, client);
			Shop shop = Shop.signIn(client, demoPassword(service));
			progress("demo data loaded; %d customers signed in, %d products (%d on sale) in %d categories",
					shop.tokens.size(), shop.productIds.size(), shop.skusOnSale.size(), shop.categories.size());
			progress("orders go to the %d skus with %d units or more", shop.skusToOrder.size(), ORDERABLE_STOCK);
			Soak soak = new Soak(service, backend, shop);
			// Made now: its class is loaded before the long run, not after it.
			BenchReport report = new BenchReport("overload-soak");
			try {
				soak.run();
			}
			finally {
				soak.load.close();
			}
			soak.report(report);
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

	/**
	 * Bytes of live objects right after a full collection: the total of
	 * {@code jcmd GC.class_histogram}, which collects before it counts. Unlike the
	 * {@code used} figure read after {@code GC.run}, it leaves out what the load
	 * allocates in the second or two jcmd takes to attach to a busy process.
	 */
	private static long liveHeap(ServerProcess service) throws Exception {
		return service.classHistogram().values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * The server's threads by name with the digits left out ({@code reactor-http-epoll-3}
	 * counts as {@code reactor-http-epoll-#}), from {@code /proc/<pid>/task/<tid>/comm}:
	 * which pool grew.
	 */
	private static Map<String, Integer> threadGroups(ServerProcess service) throws IOException {
		Map<String, Integer> groups = new TreeMap<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(service.pid()), "task"))) {
			for (Path task : tasks.toList()) {
				try {
					String name = Files.readString(task.resolve("comm")).trim();
					groups.merge(name.replaceAll("\\d+", "#"), 1, Integer::sum);
				}
				catch (IOException ended) {
					// the thread ended while it was being counted
				}
			}
		}
		return groups;
	}

	/** The demo customers' password: random at each start, logged once. */
	private static String demoPassword(ServerProcess service) throws Exception {
		Matcher password = DEMO_PASSWORD.matcher(service.log());
		if (!password.find()) {
			throw new IllegalStateException("the demo customers' password is not in the log:\n" + service.log());
		}
		return password.group(1);
	}

	private static int orderFeeds() {
		return Math.min(2 * CUSTOMERS, SUBSCRIBERS / 20);
	}

	private static int wholeInventoryFeeds() {
		return SUBSCRIBERS / 40;
	}

	private static int floodFeeds() {
		return 2 * (FEEDS_PER_INSTANCE - SUBSCRIBERS);
	}

	private static String customerAddress(int customer) {
		return "10.3.0." + (customer + 1);
	}

	private static String readAddress(int reader) {
		return "10.2." + (reader / 250) + "." + (reader % 250 + 1);
	}

	private static String feedAddress(int client) {
		return "10.1." + (client / 250) + "." + (client % 250 + 1);
	}

	private static String floodAddress(int client) {
		return "10.8." + (client / 250) + "." + (client % 250 + 1);
	}

	private static String pick(List<String> values) {
		return pick(values, ThreadLocalRandom.current().nextInt(values.size()));
	}

	private static String pick(List<String> values, int index) {
		return values.get(index % values.size());
	}

	private static String describe(Throwable error) {
		return (error instanceof TimeoutException) ? "timeout" : error.getClass().getSimpleName();
	}

	private static double percent(long part, long whole) {
		return 100.0 * part / Math.max(1, whole);
	}

	private static String verdict(boolean met) {
		return met ? "met" : "MISSED";
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long left = nanoTime - System.nanoTime();
		if (left > 0) {
			TimeUnit.NANOSECONDS.sleep(left);
		}
	}

	private static void progress(String format, Object... arguments) {
		System.out.printf(Locale.ROOT, "[bench] " + format + "%n", arguments);
	}

	/** One soak run: the load, the samples, and what came of it. */
	private static final class Soak {

		final ServerProcess service;

		final ServerProcess backend;

		final Shop shop;

		final Load load;

		final List<Sample> samples = new ArrayList<>();

		/**
		 * Live bytes per class at the start of steady state, and at the latest sample.
		 */
		Map<String, Long> firstHistogram = Map.of();

		Map<String, Long> lastHistogram = Map.of();

		long lastReadsAnswered = -1;

		int idleOpenFiles;

		int idleThreads;

		Map<String, Double> metersAfterClose = Map.of();

		int openFilesAfterClose;

		int threadsAfterClose;

		Map<String, Integer> threadGroupsAfterClose = Map.of();

		Soak(ServerProcess service, ServerProcess backend, Shop shop) {
			this.service = service;
			this.backend = backend;
			this.shop = shop;
			this.load = new Load(service.port, shop);
		}

		void run() throws Exception {
			this.idleOpenFiles = this.service.openFiles();
			this.idleThreads = this.service.threads();
			int intervals = (int) Math.ceil(MINUTES * 60.0 / SAMPLE_SECONDS);
			// The load stops when the soak does; this bound only keeps it from running on
			// if
			// the soak fails. It leaves each interval five minutes for its sample, which
			// on
			// a busy machine can take a while (jcmd, full collections, a slow metrics
			// page).
			Duration lasting = Duration.ofSeconds((intervals + 1L) * (SAMPLE_SECONDS + 300));
			this.load.connectSteadySubscribers(SUBSCRIBERS);
			progress(
					"%d feed subscribers connected; load on: %d reads/s, %.1f orders/s, %d %% of subscribers "
							+ "reconnecting every %d s",
					SUBSCRIBERS, READS, ORDERS, CHURN_PERCENT, CHURN_EVERY.toSeconds());
			List<Disposable> steady = List.of(this.load.steadyReads(lasting), this.load.steadyOrders(lasting),
					this.load.churn(lasting));
			try {
				// Interval 0 warms up (every code path, the flood included, runs once
				// before the baseline); its sample is the start of steady state.
				for (int interval = 0; interval <= intervals; interval++) {
					long start = System.nanoTime();
					sleepUntil(start + TimeUnit.SECONDS.toNanos(SAMPLE_SECONDS / 3));
					Flood flood = this.load.flood(Duration.ofSeconds(FLOOD_SECONDS));
					sleepUntil(start + TimeUnit.SECONDS.toNanos(SAMPLE_SECONDS / 3 + FLOOD_SECONDS));
					flood.end();
					sleepUntil(start + TimeUnit.SECONDS.toNanos(SAMPLE_SECONDS));
					Sample sample = sample(interval);
					this.samples.add(sample);
					if (interval == 0) {
						this.load.baseline();
					}
					progress("%s", sample.progressLine(this.samples.get(0)));
					if (sample.totals[3] > 0) {
						progress("  errors so far: %s", this.load.errorSummary());
					}
					long readsAnswered = this.load.reads.answered();
					if (readsAnswered == this.lastReadsAnswered) {
						progress("  no read was answered in the last interval; the load client's threads:%n%s",
								loadThreads());
					}
					this.lastReadsAnswered = readsAnswered;
				}
			}
			finally {
				this.load.stop();
				steady.forEach(Disposable::dispose);
				this.load.closeSubscribers();
			}
			this.metersAfterClose = awaitPlacesGivenBack();
			this.load.close();
			Thread.sleep(2000);
			this.openFilesAfterClose = this.service.openFiles();
			this.threadsAfterClose = this.service.threads();
			this.threadGroupsAfterClose = threadGroups(this.service);
		}

		private Sample sample(int interval) throws Exception {
			this.load.sampling();
			try {
				long heap = this.service.heapAfterGc();
				Map<String, Long> histogram = this.service.classHistogram();
				long live = histogram.values().stream().mapToLong(Long::longValue).sum();
				if (interval == 0) {
					this.firstHistogram = histogram;
				}
				this.lastHistogram = histogram;
				Map<String, Double> meters = this.load.meters();
				return new Sample(interval, heap, live, liveHeap(this.backend), this.service.openFiles(),
						this.service.threads(), meters, threadGroups(this.service), this.load.openSteady.get(),
						this.load.openFlood.get(), this.load.orders.ok.sum(), this.load.totals(),
						this.load.inFlight.get(), this.load.skipped.sum());
			}
			finally {
				this.load.sampling();
			}
		}

		/** Where the load client's own threads are, for a run that has stalled. */
		private static String loadThreads() {
			StringBuilder dump = new StringBuilder();
			Thread.getAllStackTraces().forEach((thread, stack) -> {
				if (thread.getName().startsWith("soak-") || thread.getName().startsWith("parallel-")) {
					dump.append("    ").append(thread.getName()).append(' ').append(thread.getState()).append('\n');
					for (int i = 0; i < Math.min(12, stack.length); i++) {
						dump.append("      at ").append(stack[i]).append('\n');
					}
				}
			});
			return dump.toString();
		}

		/** Once every client has gone, every place in every pool must be free again. */
		private Map<String, Double> awaitPlacesGivenBack() throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			Map<String, Double> meters = this.load.meters();
			while (System.nanoTime() < deadline && (inUse(meters) > 0 || meters.getOrDefault("subscribers", 0.0) > 0)) {
				Thread.sleep(500);
				meters = this.load.meters();
			}
			return meters;
		}

		void report(BenchReport report) throws Exception {
			Sample first = this.samples.get(0);
			Sample last = this.samples.get(this.samples.size() - 1);
			report.line(
					"Shopstream (512 MB heap) on the embedded back-end in a JVM of its own, with the demo data; "
							+ "limits: %d feeds per "
							+ "instance, %d per client, %d reads/s and %d writes/s per client (bursts twice that)",
					FEEDS_PER_INSTANCE, FEEDS_PER_CLIENT, READS_PER_SECOND, WRITES_PER_SECOND);
			report.line("steady load: %d feed subscribers (%d on customers' order feeds, %d on the whole inventory "
					+ "feed, the rest on one sku each), %d %% reconnecting every %d s (half with Last-Event-ID); %d product "
					+ "reads/s from %d addresses; %.1f orders/s from %d customers", SUBSCRIBERS, orderFeeds(),
					wholeInventoryFeeds(), CHURN_PERCENT, CHURN_EVERY.toSeconds(), READS, READ_ADDRESSES, ORDERS,
					CUSTOMERS);
			report.line(
					"flood, %d s of every %d s: one client reading at %d/s, one writing at %d/s, %d extra feed "
							+ "connections (one per address), one client opening %d feeds",
					FLOOD_SECONDS, SAMPLE_SECONDS, 2 * READS_PER_SECOND, 2 * WRITES_PER_SECOND, floodFeeds(),
					2 * FEEDS_PER_CLIENT);
			report.line("%d min of steady state after a %d s warm-up, sampled every %d s with the flood over",
					(last.interval - first.interval) * SAMPLE_SECONDS / 60, SAMPLE_SECONDS, SAMPLE_SECONDS);
			report.line("%5s %10s %10s %6s %8s %16s %9s %9s %9s %9s", "min", "heap (MB)", "live (MB)", "fds", "threads",
					"feeds srv/sub/cli", "catch-up", "429", "503", "errors");
			for (Sample sample : this.samples) {
				report.line("%5.1f %10.1f %10.1f %6d %8d %16s %9.0f %9d %9d %9d", sample.minutes(first),
						sample.heap / 1e6, sample.live / 1e6, sample.openFiles, sample.threads,
						String.format(Locale.ROOT, "%.0f/%.0f/%d", sample.meters.getOrDefault("in_use:feeds", -1.0),
								sample.meters.getOrDefault("subscribers", -1.0), sample.openSteady + sample.openFlood),
						sample.meters.getOrDefault("in_use:catch-up-cursors", -1.0), sample.totals[1], sample.totals[2],
						sample.totals[3]);
			}

			long ordersDuring = last.ordersPlaced - first.ordersPlaced;
			double growth = percent(last.live - first.live, first.live);
			report.line(
					"heap after full GC (jcmd GC.heap_info used): %.1f MB at the start of steady state, %.1f MB at "
							+ "the end (%+.1f %%); under load it also counts what was allocated while jcmd attached",
					first.heap / 1e6, last.heap / 1e6, percent(last.heap - first.heap, first.heap));
			report.line(
					"live objects after full GC (jcmd GC.class_histogram): %.1f MB at the start of steady state, "
							+ "%.1f MB at the end: %+.1f %% (target <= 5 %%: %s)",
					first.live / 1e6, last.live / 1e6, growth, verdict(growth <= 5));
			report.line(
					"the back-end's live objects, where the data is (not a target): %.1f MB at the start of steady "
							+ "state, %.1f MB at the end (%+.1f MB), with the %d orders placed in between",
					first.backendLive / 1e6, last.backendLive / 1e6, (last.backendLive - first.backendLive) / 1e6,
					ordersDuring);
			report.line("  classes whose live bytes grew most in steady state:");
			Map<String, Long> grown = new HashMap<>();
			this.lastHistogram
				.forEach((type, bytes) -> grown.put(type, bytes - this.firstHistogram.getOrDefault(type, 0L)));
			grown.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
				.limit(12)
				.forEach((type) -> report.line("    %+9.2f MB  %s", type.getValue() / 1e6, type.getKey()));
			int maxFiles = this.samples.stream().mapToInt((sample) -> sample.openFiles).max().orElse(0);
			int maxThreads = this.samples.stream().mapToInt((sample) -> sample.threads).max().orElse(0);
			// Flat means within what the churn moves at any moment (reconnects in
			// flight, the client's keep-alive pool), not a number that grows with time.
			boolean filesFlat = last.openFiles - first.openFiles <= Math.max(50, first.openFiles / 50);
			boolean threadsFlat = last.threads - first.threads <= 5;
			report.line(
					"open file descriptors: first %d, last %d, max %d (target flat: %s); %d before the feeds, "
							+ "%d after every client left",
					first.openFiles, last.openFiles, maxFiles, verdict(filesFlat), this.idleOpenFiles,
					this.openFilesAfterClose);
			report.line(
					"threads: first %d, last %d, max %d (target flat: %s); %d before the feeds, %d after every "
							+ "client left",
					first.threads, last.threads, maxThreads, verdict(threadsFlat), this.idleThreads,
					this.threadsAfterClose);
			Set<String> names = new TreeSet<>(first.threadGroups.keySet());
			names.addAll(last.threadGroups.keySet());
			for (String name : names) {
				int before = first.threadGroups.getOrDefault(name, 0);
				int after = last.threadGroups.getOrDefault(name, 0);
				if (before != after) {
					report.line("  threads named %-20s first %3d, last %3d, after every client left %3d", name, before,
							after, this.threadGroupsAfterClose.getOrDefault(name, 0));
				}
			}

			report.line("responses in steady state, by source: %-5s %9s %9s %9s %9s", "", "2xx", "429", "503", "other");
			for (Tally tally : this.load.tallies()) {
				long[] steady = tally.steady();
				report.line("  %-40s %9d %9d %9d %9d", tally.name, steady[0], steady[1], steady[2], steady[3]);
			}
			long errors = this.load.tallies().stream().mapToLong((tally) -> tally.steady()[3]).sum();
			long before = this.load.tallies().stream().mapToLong((tally) -> tally.baseline[3]).sum();
			long answeredBefore = this.load.tallies()
				.stream()
				.mapToLong((tally) -> tally.baseline[0] + tally.baseline[1] + tally.baseline[2] + tally.baseline[3])
				.sum();
			report.line(
					"errors besides the intended 429 and 503 in steady state: %d (target 0: %s); before it "
							+ "(connecting, warm-up): %d of %d responses",
					errors, verdict(errors == 0), before, answeredBefore);
			for (Tally tally : this.load.tallies()) {
				tally.errors.forEach((what, count) -> report.line("  %s: %s x %d, %d of them in steady state",
						tally.name, what, count.sum(), count.sum() - tally.errorsAtBaseline.getOrDefault(what, 0L)));
			}
			long steadyRefused = this.load.reads.steady()[1] + this.load.reads.steady()[2]
					+ this.load.orders.steady()[1] + this.load.orders.steady()[2] + this.load.steadyFeeds.steady()[1];
			report.line(
					"refusals of steady clients that stay within their limits (reads, orders, feed 429): %d "
							+ "(expected 0: %s); steady feeds refused 503 while the flood filled the instance: %d",
					steadyRefused, verdict(steadyRefused == 0), this.load.steadyFeeds.steady()[2]);
			long malformed = this.load.malformed.values().stream().mapToLong(LongAdder::sum).sum();
			report.line("refusals without Retry-After, or rate-limit 429s without RateLimit and RateLimit-Policy: "
					+ "%d (expected 0: %s)", malformed, verdict(malformed == 0));
			this.load.malformed.forEach((what, count) -> report.line("  %s x %d", what, count.sum()));
			report.line("requests not sent because %d were already in flight: %d in steady state, %d before",
					MAX_IN_FLIGHT, this.load.skipped.sum() - this.load.skippedAtBaseline, this.load.skippedAtBaseline);
			report.line(
					"feeds: %d reconnects by churn (%d resuming with Last-Event-ID), %d events and %d resyncs "
							+ "received",
					this.load.reconnects.sum(), this.load.resumes.sum(), this.load.events.sum(),
					this.load.resyncs.sum());

			report.line("rejected by the server (shopstream.limits.rejected), over the whole run:");
			last.meters.forEach((name, value) -> {
				if (name.startsWith("rejected:")) {
					report.line("  %-24s %8.0f", name.substring("rejected:".length()), value);
				}
			});
			report.line("in use after every client left (target 0): %s", inUseLine(this.metersAfterClose));
			report.line("all places given back: %s",
					verdict(this.metersAfterClose.containsKey("in_use:feeds") && inUse(this.metersAfterClose) == 0
							&& this.metersAfterClose.getOrDefault("subscribers", 0.0) == 0));

			report.line("latency in steady state, samples left out %-5s %8s %8s %9s", "", "p50 (ms)", "p99 (ms)",
					"count");
			for (Histogram histogram : this.load.histograms()) {
				report.line("  %-46s %8.1f %8.1f %9d", histogram.name, histogram.percentileMillis(0.50),
						histogram.percentileMillis(0.99), histogram.count());
			}
			report.line("read refusal p99 / admitted read p99: %.2f", this.load.readRefusals.percentileMillis(0.99)
					/ Math.max(0.1, this.load.admittedReads.percentileMillis(0.99)));
			report.write();
		}

		private static double inUse(Map<String, Double> meters) {
			return meters.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().startsWith("in_use:"))
				.mapToDouble(Map.Entry::getValue)
				.sum();
		}

		private static String inUseLine(Map<String, Double> meters) {
			StringBuilder line = new StringBuilder();
			meters.forEach((name, value) -> {
				if (name.startsWith("in_use:") || name.equals("subscribers")) {
					line.append((line.length() > 0) ? ", " : "")
						.append(name.replace("in_use:", ""))
						.append(' ')
						.append(Math.round(value));
				}
			});
			return line.toString();
		}

	}

	/** What was taken at the end of one interval. */
	private record Sample(int interval, long heap, long live, long backendLive, int openFiles, int threads,
			Map<String, Double> meters, Map<String, Integer> threadGroups, int openSteady, int openFlood,
			long ordersPlaced, long[] totals, int inFlight, long skipped) {

		double minutes(Sample first) {
			return (this.interval - first.interval) * SAMPLE_SECONDS / 60.0;
		}

		String progressLine(Sample first) {
			return String.format(Locale.ROOT, "%s %.1f min: heap after GC %.1f MB, live %.1f MB (%+.1f %%), fds %d, "
					+ "threads %d, feeds in use %.0f of %.0f (subscribers %.0f; client: %d open), catch-up cursors %.0f; "
					+ "responses 2xx %d, 429 %d, 503 %d, errors %d; requests in flight %d, not sent %d",
					(this.interval == 0) ? "warm-up done," : "steady", minutes(first), this.heap / 1e6, this.live / 1e6,
					percent(this.live - first.live, first.live), this.openFiles, this.threads,
					this.meters.getOrDefault("in_use:feeds", -1.0), this.meters.getOrDefault("capacity:feeds", -1.0),
					this.meters.getOrDefault("subscribers", -1.0), this.openSteady + this.openFlood,
					this.meters.getOrDefault("in_use:catch-up-cursors", -1.0), this.totals[0], this.totals[1],
					this.totals[2], this.totals[3], this.inFlight, this.skipped);
		}

	}

	/**
	 * The demo shop as the load sees it: customers' tokens, products, skus on sale, the
	 * skus with stock enough for the whole soak's orders (so that an order is never
	 * refused for short stock, which would be the shop's answer, not the service's
	 * failing), and categories.
	 */
	private record Shop(List<String> tokens, List<String> productIds, List<String> skusOnSale, List<String> skusToOrder,
			List<String> categories) {

		static Shop signIn(WebTestClient client, String password) {
			List<String> tokens = new ArrayList<>();
			for (int i = 1; i <= CUSTOMERS; i++) {
				// Each from an address of its own: sign-ins are writes, limited per
				// address.
				WebTestClient from = client.mutate().defaultHeader("X-Forwarded-For", customerAddress(i - 1)).build();
				tokens.add(Accounts.login(from, "customer%03d".formatted(i), password));
			}
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> products = (List<Map<String, Object>>) (List<?>) client.get()
				.uri("/api/v1/products?limit=1000")
				.header("X-Forwarded-For", "10.3.1.1")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBodyList(Map.class)
				.returnResult()
				.getResponseBody();
			List<String> ids = new ArrayList<>();
			List<String> onSale = new ArrayList<>();
			List<String> categories = new ArrayList<>();
			for (Map<String, Object> product : products) {
				ids.add((String) product.get("id"));
				if ("active".equals(product.get("status"))) {
					onSale.add((String) product.get("sku"));
				}
				String slug = (String) ((Map<?, ?>) product.get("category")).get("slug");
				if (!categories.contains(slug)) {
					categories.add(slug);
				}
			}
			List<String> toOrder = new ArrayList<>();
			for (int i = 0; i < onSale.size(); i++) {
				// One address per sku read: setting up is not what the read limit is for.
				Number available = (Number) client.get()
					.uri("/api/v1/inventory/{sku}", onSale.get(i))
					.header("X-Forwarded-For", "10.3.2." + (i % 250))
					.exchange()
					.expectStatus()
					.isOk()
					.expectBody(Map.class)
					.returnResult()
					.getResponseBody()
					.get("available");
				if (available.longValue() >= ORDERABLE_STOCK) {
					toOrder.add(onSale.get(i));
				}
			}
			if (toOrder.size() < 20) {
				throw new IllegalStateException("only " + toOrder.size() + " skus have " + ORDERABLE_STOCK
						+ " units or more in the demo data; the soak's orders would run them out");
			}
			return new Shop(tokens, ids, onSale, toOrder, categories);
		}

	}

	/**
	 * The load client: plain Reactor Netty connections on two event loops of their own, a
	 * keep-alive pool for requests and a fresh connection per feed subscription, as
	 * browsers have. Every response is counted in the tally of the source that asked.
	 */
	private static final class Load implements AutoCloseable {

		final Tally reads = new Tally("reads (steady)");

		final Tally orders = new Tally("orders (steady)");

		final Tally steadyFeeds = new Tally("feed connections (steady)");

		final Tally floodReads = new Tally("reads (flood, 2x one client's rate)");

		final Tally floodWrites = new Tally("writes (flood, 2x one client's rate)");

		final Tally floodFeeds = new Tally("feed connections (flood, past the instance cap)");

		final Tally floodFeedHog = new Tally("feed connections (flood, 2x one client's share)");

		final Histogram admittedReads = new Histogram("admitted reads (steady, 2xx)");

		final Histogram readRefusals = new Histogram("read refusals (flood, 429)");

		final Histogram writeRefusals = new Histogram("write refusals (flood, 429)");

		final Histogram admittedFeeds = new Histogram("feed connections admitted (to the 200)");

		final Histogram feedRefusals = new Histogram("feed refusals (429 and 503)");

		final Map<String, LongAdder> malformed = new ConcurrentHashMap<>();

		final LongAdder skipped = new LongAdder();

		long skippedAtBaseline;

		final AtomicInteger inFlight = new AtomicInteger();

		final AtomicLong epoch = new AtomicLong();

		final LongAdder reconnects = new LongAdder();

		final LongAdder resumes = new LongAdder();

		final LongAdder events = new LongAdder();

		final LongAdder resyncs = new LongAdder();

		final AtomicInteger openSteady = new AtomicInteger();

		final AtomicInteger openFlood = new AtomicInteger();

		final List<Subscriber> subscribers = new ArrayList<>();

		final Set<Subscriber> flooding = ConcurrentHashMap.newKeySet();

		private final Shop shop;

		private final ConnectionProvider pool;

		private final ConnectionProvider feedConnections;

		private final LoopResources loops;

		private final Scheduler scheduler;

		private final HttpClient requests;

		private final HttpClient feeds;

		private final HttpClient operations;

		private volatile boolean running = true;

		Load(int port, Shop shop) {
			this.shop = shop;
			this.pool = ConnectionProvider.builder("soak-requests")
				.maxConnections(MAX_IN_FLIGHT * 2)
				.pendingAcquireTimeout(TIMEOUT)
				.maxIdleTime(Duration.ofSeconds(30))
				.build();
			this.feedConnections = ConnectionProvider.newConnection();
			this.loops = LoopResources.create("soak-load", 2, true);
			this.scheduler = Schedulers.newParallel("soak-clock", 2, true);
			// Loopback only: every connection goes to 127.0.0.1; the 10.x.y.z
			// addresses are header values.
			this.requests = HttpClient.create(this.pool).runOn(this.loops).baseUrl("http://127.0.0.1:" + port);
			this.feeds = HttpClient.create(this.feedConnections).runOn(this.loops).baseUrl("http://127.0.0.1:" + port);
			this.operations = HttpClient.create(this.feedConnections)
				.runOn(this.loops)
				.baseUrl("http://127.0.0.1:" + port);
		}

		List<Tally> tallies() {
			return List.of(this.reads, this.orders, this.steadyFeeds, this.floodReads, this.floodWrites,
					this.floodFeeds, this.floodFeedHog);
		}

		List<Histogram> histograms() {
			return List.of(this.admittedReads, this.readRefusals, this.writeRefusals, this.admittedFeeds,
					this.feedRefusals);
		}

		/**
		 * The start of steady state: the targets count from here, and the latencies are
		 * measured from here; what came before (connecting, the warm-up) is reported
		 * apart.
		 */
		void baseline() {
			tallies().forEach(Tally::markBaseline);
			histograms().forEach(Histogram::reset);
			this.skippedAtBaseline = this.skipped.sum();
		}

		/** 2xx, 429, 503 and other errors over every source. */
		long[] totals() {
			long[] totals = new long[4];
			for (Tally tally : tallies()) {
				totals[0] += tally.ok.sum();
				totals[1] += tally.tooMany.sum();
				totals[2] += tally.unavailable.sum();
				totals[3] += tally.other.sum();
			}
			return totals;
		}

		/** The most frequent errors so far, for the progress lines. */
		String errorSummary() {
			Map<String, Long> errors = new TreeMap<>();
			for (Tally tally : tallies()) {
				tally.errors.forEach((what, count) -> errors.put(what + " (" + tally.name + ")", count.sum()));
			}
			return errors.entrySet()
				.stream()
				.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
				.limit(3)
				.map((error) -> error.getValue() + " x " + error.getKey())
				.collect(Collectors.joining("; "));
		}

		Disposable steadyReads(Duration lasting) {
			return every(READS, lasting, () -> {
				ThreadLocalRandom random = ThreadLocalRandom.current();
				String address = readAddress(random.nextInt(READ_ADDRESSES));
				String path = (random.nextInt(10) < 7) ? "/api/v1/products/" + pick(this.shop.productIds)
						: "/api/v1/products?limit=20&category=" + pick(this.shop.categories);
				return request(this.reads, HttpMethod.GET, path, address, null, null, this.admittedReads, null);
			}).subscribe();
		}

		Disposable steadyOrders(Duration lasting) {
			return every(ORDERS, lasting, () -> placeOrder(this.orders)).subscribe();
		}

		private Mono<Void> placeOrder(Tally tally) {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			int customer = random.nextInt(this.shop.tokens.size());
			String first = pick(this.shop.skusToOrder);
			String second = pick(this.shop.skusToOrder);
			String body = (random.nextBoolean() || first.equals(second)) ? Catalogue.order(first, "1")
					: Catalogue.order(first, "1", second, "1");
			return request(tally, HttpMethod.POST, "/api/v1/orders", customerAddress(customer),
					this.shop.tokens.get(customer), body, null, null);
		}

		/**
		 * Opens the steady subscribers a hundred at a time, each batch connected before
		 * the next.
		 */
		void connectSteadySubscribers(int count) throws InterruptedException {
			int orderFeeds = orderFeeds();
			int wholeInventory = wholeInventoryFeeds();
			for (int i = 0; i < count; i++) {
				Subscriber subscriber;
				if (i < orderFeeds) {
					int customer = i % this.shop.tokens.size();
					subscriber = new Subscriber(this, this.steadyFeeds, "/api/v1/feeds/orders",
							customerAddress(customer), this.shop.tokens.get(customer), true);
				}
				else {
					int anonymous = i - orderFeeds;
					String path = (i < orderFeeds + wholeInventory) ? "/api/v1/feeds/inventory"
							: "/api/v1/feeds/inventory?sku=" + pick(this.shop.skusOnSale, anonymous);
					subscriber = new Subscriber(this, this.steadyFeeds, path,
							feedAddress(anonymous / FEEDS_PER_ADDRESS), null, true);
				}
				synchronized (this.subscribers) {
					this.subscribers.add(subscriber);
				}
				subscriber.connect(false);
				if ((i + 1) % 100 == 0 || i == count - 1) {
					long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
					while (this.openSteady.get() < i + 1) {
						if (System.nanoTime() > deadline) {
							throw new IllegalStateException(this.openSteady.get() + " of " + (i + 1)
									+ " feed subscribers connected in 60 s; errors: " + this.steadyFeeds.errors);
						}
						Thread.sleep(10);
					}
				}
			}
		}

		/**
		 * Every few seconds a few subscribers close and reconnect, half of them resuming
		 * where they were.
		 */
		Disposable churn(Duration lasting) {
			return Flux.interval(CHURN_EVERY, this.scheduler)
				.take(lasting, this.scheduler)
				.takeWhile((tick) -> this.running)
				.subscribe((tick) -> {
					ThreadLocalRandom random = ThreadLocalRandom.current();
					List<Subscriber> steady;
					synchronized (this.subscribers) {
						steady = List.copyOf(this.subscribers);
					}
					for (int i = 0; i < steady.size() * CHURN_PERCENT / 100; i++) {
						this.reconnects.increment();
						if (steady.get(random.nextInt(steady.size())).reconnect(random.nextBoolean())) {
							this.resumes.increment();
						}
					}
				});
		}

		/**
		 * Starts a flood of {@code duration}: the request floods stop by themselves when
		 * it is over; the feed connections it opened stay until {@link Flood#end()}.
		 */
		Flood flood(Duration duration) {
			every(2 * READS_PER_SECOND, duration,
					() -> request(this.floodReads, HttpMethod.GET, "/api/v1/products/" + pick(this.shop.productIds),
							FLOOD_READER, null, null, null, this.readRefusals))
				.subscribe();
			every(2 * WRITES_PER_SECOND, duration,
					() -> request(this.floodWrites, HttpMethod.POST,
							"/api/v1/products/" + this.shop.productIds.get(0) + "/views", FLOOD_WRITER, null, null,
							null, this.writeRefusals))
				.subscribe();
			List<Subscriber> feeds = new ArrayList<>();
			String path = "/api/v1/feeds/inventory?sku=" + this.shop.skusOnSale.get(0);
			// The client over its share comes first: once the instance is full it
			// would get 503, which is checked before the share, and never its 429.
			for (int i = 0; i < 2 * FEEDS_PER_CLIENT; i++) {
				feeds.add(new Subscriber(this, this.floodFeedHog, path, FLOOD_FEED_HOG, null, false));
			}
			for (int i = 0; i < floodFeeds(); i++) {
				feeds.add(new Subscriber(this, this.floodFeeds, path, floodAddress(i), null, false));
			}
			this.flooding.addAll(feeds);
			// Spread over two seconds, as a crowd arrives, not in one instant.
			long spacing = TimeUnit.SECONDS.toNanos(2) / feeds.size();
			for (int i = 0; i < feeds.size(); i++) {
				Subscriber subscriber = feeds.get(i);
				Mono.delay(Duration.ofNanos(i * spacing), this.scheduler)
					.subscribe((tick) -> subscriber.connect(false));
			}
			return () -> {
				feeds.forEach(Subscriber::close);
				this.flooding.removeAll(feeds);
			};
		}

		void stop() {
			this.running = false;
		}

		void closeSubscribers() {
			synchronized (this.subscribers) {
				this.subscribers.forEach(Subscriber::close);
			}
			this.flooding.forEach(Subscriber::close);
		}

		/**
		 * The limits' meters and the feeds' subscriber count, from the service's
		 * Prometheus page, over a connection of its own so that it never queues behind
		 * the load; empty, and said so, when the page does not answer.
		 */
		Map<String, Double> meters() {
			String page;
			try {
				page = this.operations.get()
					.uri("/actuator/prometheus")
					.responseSingle((response, body) -> body.asString())
					.timeout(Duration.ofSeconds(30))
					.retry(2)
					.block();
			}
			catch (RuntimeException failed) {
				progress("the metrics page did not answer: %s", failed.getMessage());
				page = "";
			}
			Map<String, Double> meters = new TreeMap<>();
			Matcher meter = METER.matcher((page != null) ? page : "");
			while (meter.find()) {
				double value = Double.parseDouble(meter.group(3));
				switch (meter.group(1)) {
					case "shopstream_limits_in_use" -> meters.put("in_use:" + meter.group(2), value);
					case "shopstream_limits_capacity" -> meters.put("capacity:" + meter.group(2), value);
					case "shopstream_limits_rejected_total" -> meters.put("rejected:" + meter.group(2), value);
					default -> meters.merge("subscribers", value, Double::sum);
				}
			}
			return meters;
		}

		/**
		 * {@code perSecond} calls for {@code lasting}, each started on time; when
		 * {@link #MAX_IN_FLIGHT} are still waiting for their answers a tick is skipped
		 * and counted, so that a slow server is not buried under a queue of the client's
		 * making.
		 */
		private Flux<Void> every(double perSecond, Duration lasting, Supplier<Mono<Void>> call) {
			return Flux.interval(Duration.ofNanos((long) (1e9 / perSecond)), this.scheduler)
				.take(lasting, this.scheduler)
				.takeWhile((tick) -> this.running)
				.onBackpressureDrop((tick) -> this.skipped.increment())
				.flatMap((tick) -> call.get(), MAX_IN_FLIGHT);
		}

		/**
		 * One request, its answer counted in the tally and its latency in the histogram
		 * of its kind.
		 */
		private Mono<Void> request(Tally tally, HttpMethod method, String path, String address, String bearer,
				String json, Histogram admitted, Histogram refused) {
			long start = System.nanoTime();
			long epoch = this.epoch.get();
			HttpClient client = this.requests.headers((headers) -> {
				headers.set("X-Forwarded-For", address);
				if (bearer != null) {
					headers.set("Authorization", "Bearer " + bearer);
				}
				if (json != null) {
					headers.set("Content-Type", "application/json");
				}
			});
			HttpClient.RequestSender sender = client.request(method).uri(path);
			return ((json != null) ? sender.send(ByteBufFlux.fromString(Mono.just(json))) : sender)
				.responseSingle((response, body) -> body.asString().defaultIfEmpty("").doOnNext((text) -> {
					int status = response.status().code();
					if (status / 100 == 2) {
						tally.ok.increment();
						time(admitted, start, epoch);
					}
					else {
						answered(tally, status, response.responseHeaders(), path, start, epoch, refused, true, text);
					}
				}))
				.timeout(TIMEOUT, this.scheduler)
				.onErrorResume((error) -> {
					tally.other(describe(error));
					return Mono.empty();
				})
				.doOnSubscribe((subscription) -> this.inFlight.incrementAndGet())
				.doFinally((signal) -> this.inFlight.decrementAndGet())
				.then();
		}

		/**
		 * Counts an answer other than 2xx; checks that a refusal says when to come back.
		 */
		void answered(Tally tally, int status, HttpHeaders headers, String path, long start, long epoch,
				Histogram refused, boolean rateLimited, String body) {
			if (status == 429 || status == 503) {
				((status == 429) ? tally.tooMany : tally.unavailable).increment();
				time(refused, start, epoch);
				if (headers.get("Retry-After") == null) {
					malformed(status + " without Retry-After (" + tally.name + ")");
				}
				if (status == 429 && rateLimited
						&& (headers.get("RateLimit") == null || headers.get("RateLimit-Policy") == null)) {
					malformed("429 without RateLimit and RateLimit-Policy (" + tally.name + ")");
				}
			}
			else {
				String route = path.replaceAll("[0-9a-f]{24}", "{id}").replaceAll("=.*", "=...");
				Matcher problem = (body != null) ? PROBLEM_TYPE.matcher(body) : null;
				tally.other("HTTP " + status + " on " + route
						+ ((problem != null && problem.find()) ? " (" + problem.group(1) + ")" : ""));
			}
		}

		/**
		 * Records a latency unless a sample was taken while it ran: the full collections
		 * of a sample pause the server, and would be measured as the service's own
		 * latency.
		 */
		void time(Histogram histogram, long start, long epoch) {
			if (histogram != null && (epoch & 1) == 0 && this.epoch.get() == epoch) {
				histogram.record(System.nanoTime() - start);
			}
		}

		/**
		 * A sample starts (the epoch turns odd) or ends (even): what was under way
		 * meanwhile is not timed.
		 */
		void sampling() {
			this.epoch.incrementAndGet();
		}

		private void malformed(String what) {
			this.malformed.computeIfAbsent(what, (key) -> new LongAdder()).increment();
		}

		@Override
		public void close() {
			this.running = false;
			closeSubscribers();
			this.pool.disposeLater().block(Duration.ofSeconds(30));
			this.feedConnections.disposeLater().block(Duration.ofSeconds(30));
			this.loops.disposeLater().block(Duration.ofSeconds(30));
			this.scheduler.dispose();
		}

	}

	/** The feed connections of one flood window, closed at its end. */
	@FunctionalInterface
	private interface Flood {

		void end();

	}

	/**
	 * One EventSource-like subscriber: connects, reads frames and remembers the last id;
	 * when refused it tries again after {@code Retry-After}, when the stream ends or
	 * fails after {@link #RECONNECT}, until it is closed or the load stops.
	 */
	private static final class Subscriber {

		private final Load load;

		private final Tally tally;

		private final String path;

		private final String address;

		private final String bearer;

		private final boolean steady;

		private volatile boolean wanted = true;

		private volatile String lastEventId;

		private Attempt current;

		private int generation;

		Subscriber(Load load, Tally tally, String path, String address, String bearer, boolean steady) {
			this.load = load;
			this.tally = tally;
			this.path = path;
			this.address = address;
			this.bearer = bearer;
			this.steady = steady;
		}

		/**
		 * Closes the connection as a closed browser tab would, and opens a new one;
		 * whether it resumed.
		 */
		boolean reconnect(boolean resume) {
			boolean resuming = resume && this.lastEventId != null;
			connect(resuming);
			return resuming;
		}

		/**
		 * Closes the connection this subscriber has, if any, and opens a new one. Only
		 * the swap is done under the lock; closing and opening run outside it, so that no
		 * thread waits on another's network calls.
		 */
		void connect(boolean resume) {
			Attempt previous;
			Attempt attempt = null;
			synchronized (this) {
				this.generation++;
				previous = this.current;
				this.current = null;
				if (this.wanted && this.load.running) {
					attempt = new Attempt(this, resume ? this.lastEventId : null);
					this.current = attempt;
				}
			}
			if (previous != null) {
				previous.cancel();
			}
			if (attempt != null) {
				attempt.start();
			}
		}

		void close() {
			Attempt previous;
			synchronized (this) {
				this.wanted = false;
				this.generation++;
				previous = this.current;
				this.current = null;
			}
			if (previous != null) {
				previous.cancel();
			}
		}

		/**
		 * Tries again after {@code delay} and up to a second more, so that clients
		 * refused or cut off together do not all come back in the same instant; unless
		 * something else has happened to this subscriber since.
		 */
		void again(Attempt ended, Duration delay) {
			int generation;
			synchronized (this) {
				if (this.current != ended) {
					return;
				}
				generation = this.generation;
			}
			Duration jittered = delay.plusMillis(ThreadLocalRandom.current().nextInt(1000));
			Mono.delay(jittered, this.load.scheduler).subscribe((tick) -> {
				boolean unchanged;
				synchronized (this) {
					unchanged = generation == this.generation;
				}
				if (unchanged) {
					connect(ended.lastEventId != null);
				}
			});
		}

		AtomicInteger openCounter() {
			return this.steady ? this.load.openSteady : this.load.openFlood;
		}

	}

	/** One connection of a subscriber, from the request to its end. */
	private static final class Attempt {

		private final Subscriber subscriber;

		private final String lastEventId;

		private final long start = System.nanoTime();

		private final long epoch;

		private final StringBuilder partial = new StringBuilder();

		private volatile int status;

		private volatile Duration retryAfter = RECONNECT;

		private volatile boolean open;

		private volatile boolean cancelled;

		private volatile Disposable connection;

		Attempt(Subscriber subscriber, String lastEventId) {
			this.subscriber = subscriber;
			this.lastEventId = lastEventId;
			this.epoch = subscriber.load.epoch.get();
		}

		void start() {
			Subscriber subscriber = this.subscriber;
			Load load = subscriber.load;
			this.connection = load.feeds.headers((headers) -> {
				headers.set("Accept", "text/event-stream");
				headers.set("X-Forwarded-For", subscriber.address);
				if (subscriber.bearer != null) {
					headers.set("Authorization", "Bearer " + subscriber.bearer);
				}
				if (this.lastEventId != null) {
					headers.set("Last-Event-ID", this.lastEventId);
				}
			}).get().uri(subscriber.path).response((response, body) -> {
				this.status = response.status().code();
				if (this.status == 200) {
					if (!this.cancelled) {
						this.open = true;
						subscriber.openCounter().incrementAndGet();
					}
					subscriber.tally.ok.increment();
					load.time(load.admittedFeeds, this.start, this.epoch);
					return body.asString(StandardCharsets.UTF_8);
				}
				String retryAfter = response.responseHeaders().get("Retry-After");
				if (retryAfter != null && retryAfter.matches("\\d{1,4}")) {
					this.retryAfter = Duration.ofSeconds(Long.parseLong(retryAfter));
				}
				load.answered(subscriber.tally, this.status, response.responseHeaders(), subscriber.path, this.start,
						this.epoch, load.feedRefusals, false, null);
				return body.then().thenMany(Flux.<String>empty());
			})
				// A feed answers at once with its retry frame: a long wait is a timeout.
				.timeout(Mono.delay(FEED_TIMEOUT, load.scheduler), (chunk) -> Mono.never())
				.subscribe(this::frames, this::failed, this::ended);
			if (this.cancelled) {
				// Closed while being opened: whichever of the two ran last closes it.
				this.connection.dispose();
			}
		}

		private void frames(String chunk) {
			this.partial.append(chunk);
			int end;
			while ((end = this.partial.indexOf("\n\n")) >= 0) {
				String frame = this.partial.substring(0, end);
				this.partial.delete(0, end + 2);
				if (frame.startsWith("id: ")) {
					this.subscriber.lastEventId = frame.substring(4, frame.indexOf('\n'));
				}
				if (frame.contains("event: resync")) {
					this.subscriber.load.resyncs.increment();
				}
				else if (frame.contains("event: ")) {
					this.subscriber.load.events.increment();
				}
			}
		}

		private void failed(Throwable error) {
			if (this.cancelled) {
				return;
			}
			closed();
			this.subscriber.tally.other(
					((this.status == 200) ? "feed connection lost: " : "feed connection failed: ") + describe(error));
			this.subscriber.again(this, RECONNECT);
		}

		private void ended() {
			if (this.cancelled) {
				return;
			}
			closed();
			if (this.status == 200) {
				this.subscriber.tally.other("feed ended by the server");
			}
			this.subscriber.again(this, (this.status == 429 || this.status == 503) ? this.retryAfter : RECONNECT);
		}

		void cancel() {
			this.cancelled = true;
			closed();
			Disposable connection = this.connection;
			if (connection != null) {
				connection.dispose();
			}
		}

		private synchronized void closed() {
			if (this.open) {
				this.open = false;
				this.subscriber.openCounter().decrementAndGet();
			}
		}

	}

	/** Responses of one source by status class, and what the errors were. */
	private static final class Tally {

		final String name;

		final LongAdder ok = new LongAdder();

		final LongAdder tooMany = new LongAdder();

		final LongAdder unavailable = new LongAdder();

		final LongAdder other = new LongAdder();

		final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

		/** 2xx, 429, 503 and other at the start of steady state. */
		long[] baseline = new long[4];

		Map<String, Long> errorsAtBaseline = Map.of();

		Tally(String name) {
			this.name = name;
		}

		long[] counts() {
			return new long[] { this.ok.sum(), this.tooMany.sum(), this.unavailable.sum(), this.other.sum() };
		}

		/** 2xx, 429, 503 and other since the start of steady state. */
		long[] steady() {
			long[] counts = counts();
			for (int i = 0; i < counts.length; i++) {
				counts[i] -= this.baseline[i];
			}
			return counts;
		}

		void markBaseline() {
			this.baseline = counts();
			Map<String, Long> errors = new TreeMap<>();
			this.errors.forEach((what, count) -> errors.put(what, count.sum()));
			this.errorsAtBaseline = errors;
		}

		long answered() {
			return this.ok.sum() + this.tooMany.sum() + this.unavailable.sum() + this.other.sum();
		}

		void other(String what) {
			this.other.increment();
			this.errors.computeIfAbsent(what, (key) -> new LongAdder()).increment();
		}

	}

	/**
	 * Latencies in steps of 0.1 ms up to 30 s, lean enough to take every response of a
	 * long run.
	 */
	private static final class Histogram {

		private static final int STEPS = 300_000;

		final String name;

		private final AtomicLongArray counts = new AtomicLongArray(STEPS + 1);

		private final LongAdder total = new LongAdder();

		Histogram(String name) {
			this.name = name;
		}

		void record(long nanos) {
			this.counts.incrementAndGet((int) Math.min(STEPS, nanos / 100_000));
			this.total.increment();
		}

		long count() {
			return this.total.sum();
		}

		void reset() {
			for (int step = 0; step <= STEPS; step++) {
				this.counts.set(step, 0);
			}
			this.total.reset();
		}

		double percentileMillis(double share) {
			long wanted = (long) Math.ceil(count() * share);
			long seen = 0;
			for (int step = 0; step <= STEPS; step++) {
				seen += this.counts.get(step);
				if (seen >= wanted && seen > 0) {
					return step / 10.0;
				}
			}
			return Double.NaN;
		}

	}

}
