package io.shopstream.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import com.mongodb.client.model.Projections;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shopstream's two product reads under many concurrent API clients, against what the same
 * reads cost without it.
 * <p>
 * Four processes: the embedded back-end with the demo data (500 products), Shopstream
 * (512 MB heap), the {@link LeanProductServer} (Reactor Netty and the driver, no
 * framework) and this JVM, which runs wrk for the HTTP load and the raw-driver baseline.
 * Every side talks TCP to the same back-end. Reads: {@code GET /api/v1/products/{id}}
 * round all 500 ids, and {@code GET /api/v1/products?category=…&limit=50} for the largest
 * category, each at 64 and at 512 connections (for the raw driver: operations in flight).
 * Before measuring, the lean server's JSON is checked equal to Shopstream's.
 * <p>
 * Each side is warmed for {@code -Dbench.reads.warmup} seconds (180, so the JIT has
 * compiled the hot paths) with both reads, then measured {@code -Dbench.reads.rounds}
 * times (3) for {@code -Dbench.reads.seconds} seconds (15) per read and concurrency, the
 * three sides one after the other in every round; the figures are the medians over the
 * rounds. CPU per request is the serving process's own CPU time over the requests it
 * answered (the back-end's beside it); for the raw driver it is this JVM's.
 * <p>
 * Targets: Shopstream at least 0.6 × the raw driver's throughput and 0.9 × the lean
 * server's, its p99 at most 2 × the lean server's; at 512 connections at least 90 % of
 * its best throughput, with no errors.
 */
class ProductReadsBenchmark {

	private static final int WARMUP_SECONDS = Integer.getInteger("bench.reads.warmup", 180);

	private static final int ROUNDS = Integer.getInteger("bench.reads.rounds", 3);

	private static final int SECONDS = Integer.getInteger("bench.reads.seconds", 15);

	private static final int PAGE = 50;

	private static final List<Integer> CONNECTIONS = List.of(64, 512);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	@Timeout(value = 2, unit = TimeUnit.HOURS)
	void product_reads_against_the_raw_driver_and_a_lean_server() throws Exception {
		BenchReport report = new BenchReport("ProductReadsBenchmark");
		try (ServerProcess backend = ServerProcess.embeddedBackend("2g", 50_000);
				ServerProcess service = ServerProcess.shopstreamOn(backend, "512m", "--shopstream.demo.enabled=true")
					.awaitReady();
				ServerProcess lean = ServerProcess.lean(backend, "256m");
				MongoClient client = MongoClients
					.create(LeanProductServer.settings("mongodb://127.0.0.1:" + backend.port + "/shopstream"))) {
			MongoCollection<Document> products = client.getDatabase("shopstream").getCollection("products");
			List<Document> all = Flux.from(products.find().projection(Projections.include("_id", "category.slug")))
				.collectList()
				.block(Duration.ofMinutes(1));
			List<ObjectId> ids = all.stream().map((product) -> product.getObjectId("_id")).toList();
			Map.Entry<String, Long> largest = all.stream()
				.collect(Collectors.groupingBy((product) -> product.get("category", Document.class).getString("slug"),
						Collectors.counting()))
				.entrySet()
				.stream()
				.max(Map.Entry.comparingByValue())
				.orElseThrow();
			String slug = largest.getKey();
			report.line("%d products; category %s has %d of them, lists ask for %d", ids.size(), slug,
					largest.getValue(), PAGE);

			List<String> idPaths = ids.stream().map((id) -> "/api/v1/products/" + id.toHexString()).toList();
			List<String> listPaths = List.of("/api/v1/products?category=" + slug + "&limit=" + PAGE);
			sameJson(service, lean, idPaths.subList(0, 5));
			sameJson(service, lean, listPaths);
			report.line("the lean server's answers equal Shopstream's (5 products and the list)");

			List<Read> reads = List.of(
					new Read("GET /products/{id}", idPaths,
							(i) -> LeanProductServer.findOne(products, ids.get(i % ids.size()))),
					new Read("GET /products?category&limit=50", listPaths,
							(i) -> LeanProductServer.newestInCategory(products, slug, PAGE).take(PAGE).collectList()));
			List<Side> sides = List.of(new Side("raw driver", null), new Side("lean server", lean),
					new Side("Shopstream", service));
			Duration warmup = Duration.ofSeconds(WARMUP_SECONDS);
			for (Side side : sides) {
				progress("warming %s for %d s", side.name, warmup.toSeconds());
				for (Read read : reads) {
					side.measure(read, 64, warmup.dividedBy(reads.size()), backend);
				}
			}
			Map<String, List<Measured>> results = new LinkedHashMap<>();
			for (int round = 1; round <= ROUNDS; round++) {
				for (Read read : reads) {
					for (int connections : CONNECTIONS) {
						for (Side side : sides) {
							Measured measured = side.measure(read, connections, Duration.ofSeconds(SECONDS), backend);
							results.computeIfAbsent(key(read, connections, side), (k) -> new ArrayList<>())
								.add(measured);
							progress("round %d, %s at %d, %s: %.0f/s, p99 %.2f ms, %d errors", round, read.name,
									connections, side.name, measured.perSecond, measured.p99Micros / 1000.0,
									measured.errors);
						}
					}
				}
			}
			report(report, reads, sides, results);
		}
		report.write();
	}

	private static void report(BenchReport report, List<Read> reads, List<Side> sides,
			Map<String, List<Measured>> results) {
		report.line("medians of %d rounds of %d s, after %d s of warm-up per side", ROUNDS, SECONDS, WARMUP_SECONDS);
		for (Read read : reads) {
			double peak = 0;
			for (int connections : CONNECTIONS) {
				peak = Math.max(peak, median(results.get(key(read, connections, sides.get(2))), Measured::perSecond));
			}
			for (int connections : CONNECTIONS) {
				report.line("%s at %d connections", read.name, connections);
				report.line("  %-12s %10s %9s %9s %12s %12s %7s", "", "req/s", "p50 ms", "p99 ms", "CPU us/req",
						"back-end us", "errors");
				Map<String, Double> throughput = new LinkedHashMap<>();
				Map<String, Double> p99 = new LinkedHashMap<>();
				long errors = 0;
				for (Side side : sides) {
					List<Measured> runs = results.get(key(read, connections, side));
					throughput.put(side.name, median(runs, Measured::perSecond));
					p99.put(side.name, median(runs, (run) -> run.p99Micros));
					report.line("  %-12s %10.0f %9.2f %9.2f %12.0f %12.0f %7d", side.name, throughput.get(side.name),
							median(runs, (run) -> run.p50Micros) / 1000.0, p99.get(side.name) / 1000.0,
							median(runs, Measured::cpuMicrosPerRequest),
							median(runs, Measured::backendMicrosPerRequest),
							runs.stream().mapToLong(Measured::errors).sum());
					if (side.server != null && side.name.equals("Shopstream")) {
						errors = runs.stream().mapToLong(Measured::errors).sum();
					}
				}
				double toRaw = throughput.get("Shopstream") / throughput.get("raw driver");
				double toLean = throughput.get("Shopstream") / throughput.get("lean server");
				double p99ToLean = p99.get("Shopstream") / p99.get("lean server");
				report.line(
						"  Shopstream / raw driver %.2f (target >= 0.6: %s); / lean server %.2f (>= 0.9: %s); "
								+ "p99 / lean %.2f (<= 2: %s)",
						toRaw, met(toRaw >= 0.6), toLean, met(toLean >= 0.9), p99ToLean, met(p99ToLean <= 2));
				if (connections == CONNECTIONS.get(CONNECTIONS.size() - 1)) {
					double ofPeak = throughput.get("Shopstream") / peak;
					report.line("  at %d connections %.0f %% of Shopstream's best, %d errors (target >= 90 %%, 0: %s)",
							connections, ofPeak * 100, errors, met(ofPeak >= 0.9 && errors == 0));
				}
			}
		}
	}

	/**
	 * Runs the load and measures it, with the CPU of the process that served it
	 * ({@code server}, or this JVM for the raw driver) and of the back-end.
	 */
	static Measured measured(ServerProcess server, ServerProcess backend, Duration duration, Load load)
			throws Exception {
		Duration cpuBefore = cpu(server);
		Duration backendBefore = backend.cpu();
		Wrk.Result result = load.run(duration);
		double requests = Math.max(1, result.requests());
		return new Measured(result.perSecond(), result.p50Micros(), result.p99Micros(), result.errors(),
				cpu(server).minus(cpuBefore).toNanos() / 1000.0 / requests,
				backend.cpu().minus(backendBefore).toNanos() / 1000.0 / requests);
	}

	private static Duration cpu(ServerProcess server) {
		return (server != null) ? server.cpu() : ProcessHandle.current().info().totalCpuDuration().orElseThrow();
	}

	private static String met(boolean met) {
		return met ? "met" : "MISSED";
	}

	private static String key(Read read, int connections, Side side) {
		return read.name + "|" + connections + "|" + side.name;
	}

	static double median(List<Measured> runs, ToDoubleFunction<Measured> value) {
		double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/** Both servers' answers to the same paths, as parsed JSON, are equal. */
	private static void sameJson(ServerProcess service, ServerProcess lean, List<String> paths) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		for (String path : paths) {
			Object fromService = JSON.readValue(get(http, service.port, path), Object.class);
			Object fromLean = JSON.readValue(get(http, lean.port, path), Object.class);
			if (!fromService.equals(fromLean)) {
				throw new IllegalStateException("the lean server answers " + path + " differently:\nShopstream: "
						+ fromService + "\nlean:       " + fromLean);
			}
		}
	}

	private static String get(HttpClient http, int port, String path) throws Exception {
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	private static void progress(String format, Object... arguments) {
		System.out.printf("[bench] %tT " + format + "%n", prepend(System.currentTimeMillis(), arguments));
	}

	private static Object[] prepend(Object first, Object[] rest) {
		Object[] all = new Object[rest.length + 1];
		all[0] = first;
		System.arraycopy(rest, 0, all, 1, rest.length);
		return all;
	}

	/** One of the two reads: its HTTP paths, and the same query through the driver. */
	record Read(String name, List<String> paths, IntFunction<Mono<?>> query) {
	}

	/** One run of one side: throughput, latency, errors and CPU. */
	record Measured(double perSecond, long p50Micros, long p99Micros, long errors, double cpuMicrosPerRequest,
			double backendMicrosPerRequest) {
	}

	/** Who answers: the raw driver in this JVM, or a server in its own. */
	record Side(String name, ServerProcess server) {

		Measured measure(Read read, int connections, Duration duration, ServerProcess backend) throws Exception {
			return measured(this.server, backend, duration,
					(time) -> (this.server != null) ? Wrk.get(this.server.port, read.paths, connections, time)
							: RawLoad.run(read.query, connections, time));
		}

	}

	/** A load that runs for a given time. */
	interface Load {

		Wrk.Result run(Duration duration) throws Exception;

	}

}
