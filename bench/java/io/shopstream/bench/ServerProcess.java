package io.shopstream.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.shopstream.platform.mongo.embedded.EmbeddedBackendProcess;
import io.shopstream.support.Fixtures;

/**
 * A server under measurement in a JVM of its own, so that its CPU time and heap are its
 * own and not the load client's: Shopstream itself, or the bare fan-out probe it is
 * compared with, the lean product server, or the embedded back-end they share.
 */
final class ServerProcess implements AutoCloseable {

	private static final Pattern GC_LINE = Pattern.compile("\\) (\\d+)M->\\d+M\\(\\d+M\\)");

	private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

	private static final Pattern HISTOGRAM_ROW = Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");

	final int port;

	private final Process process;

	private final Path log;

	private ServerProcess(int port, Process process, Path log) {
		this.port = port;
		this.process = process;
		this.log = log;
	}

	/**
	 * Shopstream on the embedded back-end, with the test profile's known admin account.
	 */
	static ServerProcess shopstream(String heap, String... arguments) throws IOException {
		int port = Fixtures.freePort();
		List<String> command = new ArrayList<>(List.of("--spring.profiles.active=test", "--server.port=" + port));
		command.addAll(List.of(arguments));
		return start(port, heap, List.of(), "io.shopstream.ShopstreamApplication", command);
	}

	/**
	 * Shopstream on the given MongoDB, logging every collection to {@code gcLog}, from
	 * which {@link #peakHeap(Path)} reads the most heap it ever had in use.
	 */
	static ServerProcess shopstreamOn(ServerProcess mongo, String heap, Path gcLog) throws IOException {
		int port = Fixtures.freePort();
		return start(port, heap, List.of("-Xlog:gc:file=" + gcLog), "io.shopstream.ShopstreamApplication",
				List.of("--spring.profiles.active=test", "--server.port=" + port,
						"--spring.mongodb.uri=mongodb://127.0.0.1:" + mongo.port + "/shopstream"));
	}

	/**
	 * The most heap in use before any collection logged in {@code gcLog} so far
	 * ({@code Pause Young (Normal) (G1 Evacuation Pause) 150M->20M(256M)}): what the
	 * process needed at its peak, garbage included.
	 */
	static long peakHeap(Path gcLog) throws IOException {
		Matcher collection = GC_LINE.matcher(Files.readString(gcLog));
		long peak = 0;
		while (collection.find()) {
			peak = Math.max(peak, Long.parseLong(collection.group(1)) << 20);
		}
		return peak;
	}

	/**
	 * Shopstream on the given MongoDB (a back-end in a process of its own), with the test
	 * profile's known admin account.
	 */
	static ServerProcess shopstreamOn(ServerProcess mongo, String heap, String... arguments) throws IOException {
		List<String> withUri = new ArrayList<>(
				List.of("--spring.mongodb.uri=mongodb://127.0.0.1:" + mongo.port + "/shopstream"));
		withUri.addAll(List.of(arguments));
		return shopstream(heap, withUri.toArray(String[]::new));
	}

	/**
	 * The embedded back-end in a JVM of its own, keeping {@code oplogMaxEntries} oplog
	 * entries, once it listens.
	 */
	static ServerProcess embeddedBackend(String heap, int oplogMaxEntries) throws Exception {
		int port = Fixtures.freePort();
		ServerProcess backend = start(port, heap, EmbeddedBackendProcess.class.getName(),
				List.of(String.valueOf(port), String.valueOf(oplogMaxEntries)));
		return backend.once(EmbeddedBackendProcess.LISTENING + port, "the embedded back-end");
	}

	/** The lean Reactor Netty product server on the given MongoDB, once it listens. */
	static ServerProcess lean(ServerProcess mongo, String heap) throws Exception {
		int port = Fixtures.freePort();
		ServerProcess lean = start(port, heap, LeanProductServer.class.getName(),
				List.of(String.valueOf(port), "mongodb://127.0.0.1:" + mongo.port + "/shopstream"));
		return lean.once(LeanProductServer.LISTENING + port, "the lean product server");
	}

	/** This process, once its log has the line, or closed with an exception. */
	private ServerProcess once(String line, String what) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		while (!log().contains(line)) {
			if (!this.process.isAlive() || System.nanoTime() > deadline) {
				String log = log();
				close();
				throw new IllegalStateException(what + " did not start:\n" + log);
			}
			Thread.sleep(200);
		}
		return this;
	}

	/**
	 * Waits until Shopstream reports ready on its readiness group, which, with the demo
	 * data on, is once the demo data is loaded.
	 */
	ServerProcess awaitReady() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest readiness = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"))
			.build();
		long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
		while (true) {
			try {
				if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return this;
				}
			}
			catch (IOException notYet) {
				// not listening yet
			}
			if (!this.process.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("Shopstream did not report ready in time:\n" + log());
			}
			Thread.sleep(1000);
		}
	}

	/** The bare Reactor Netty fan-out probe. */
	static ServerProcess bare(String heap) throws IOException {
		int port = Fixtures.freePort();
		return start(port, heap, BareFanOutServer.class.getName(), List.of(String.valueOf(port)));
	}

	private static ServerProcess start(int port, String heap, String mainClass, List<String> arguments)
			throws IOException {
		return start(port, heap, List.of(), mainClass, arguments);
	}

	private static ServerProcess start(int port, String heap, List<String> jvmOptions, String mainClass,
			List<String> arguments) throws IOException {
		Path log = Files.createTempFile("shopstream-bench", ".log");
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx" + heap, "-Xms" + heap));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", classPath(), mainClass));
		command.addAll(arguments);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return new ServerProcess(port, process, log);
	}

	/** CPU time the process has used so far, all threads. */
	Duration cpu() {
		return this.process.toHandle().info().totalCpuDuration().orElseThrow();
	}

	/** The server's process id. */
	long pid() {
		return this.process.pid();
	}

	/**
	 * File descriptors the process holds open (sockets, files, pipes), counted in
	 * {@code /proc/<pid>/fd}.
	 */
	int openFiles() throws IOException {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc", String.valueOf(pid()), "fd"))) {
			return (int) descriptors.count();
		}
	}

	/**
	 * The process's threads, from the {@code Threads:} line of
	 * {@code /proc/<pid>/status}.
	 */
	int threads() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
			if (line.startsWith("Threads:")) {
				return Integer.parseInt(line.substring("Threads:".length()).trim());
			}
		}
		throw new IllegalStateException("/proc/" + pid() + "/status has no Threads: line");
	}

	/** Heap in use right after a full collection, as {@code jcmd} reports it. */
	long heapAfterGc() throws IOException, InterruptedException {
		jcmd("GC.run");
		Thread.sleep(300);
		jcmd("GC.run");
		Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
		if (!used.find()) {
			throw new IllegalStateException("jcmd GC.heap_info printed no heap figure");
		}
		return Long.parseLong(used.group(1)) * 1024;
	}

	/** Bytes held per class after a full collection ({@code jcmd GC.class_histogram}). */
	Map<String, Long> classHistogram() throws IOException, InterruptedException {
		Map<String, Long> bytes = new HashMap<>();
		Matcher row = HISTOGRAM_ROW.matcher(jcmd("GC.class_histogram"));
		while (row.find()) {
			bytes.merge(row.group(2), Long.parseLong(row.group(1)), Long::sum);
		}
		return bytes;
	}

	private String jcmd(String what) throws IOException, InterruptedException {
		Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				String.valueOf(this.process.pid()), what)
			.redirectErrorStream(true)
			.start();
		String out = new String(jcmd.getInputStream().readAllBytes());
		jcmd.waitFor(30, TimeUnit.SECONDS);
		return out;
	}

	String log() throws IOException {
		return Files.readString(this.log);
	}

	@Override
	public void close() throws Exception {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
		Files.deleteIfExists(this.log);
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * The test class path: surefire puts it in a property and starts the fork from a
	 * manifest-only jar.
	 */
	private static String classPath() {
		String classPath = System.getProperty("surefire.test.class.path");
		return (classPath != null) ? classPath : System.getProperty("java.class.path")
			.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
	}

}
