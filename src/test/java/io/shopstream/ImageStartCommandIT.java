package io.shopstream;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.shopstream.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container image's start command, proven on the packaged jar where no Docker engine
 * runs: the Dockerfile's own extract command lays the jar out in layers, its runtime
 * stage's {@code COPY} lines assemble them in its {@code WORKDIR}, and its
 * {@code ENTRYPOINT}, word for word, starts the service there until it reports ready; a
 * SIGTERM then stops it. Runs after {@code package}, in {@code ./mvnw verify}.
 */
class ImageStartCommandIT {

	private static final Path WORK = Path.of("target", "image-start-command");

	private static final Pattern EXTRACT = Pattern
		.compile("(java -Djarmode=tools -jar (\\S+\\.jar) extract --layers --launcher --destination (\\S+))");

	private static final Pattern COPY_LAYER = Pattern.compile("/extracted/([a-z-]+)/$");

	private final Dockerfile dockerfile = Dockerfile.read(Path.of("Dockerfile"));

	private Process service;

	@AfterEach
	void stopService() throws InterruptedException {
		if (this.service != null && this.service.isAlive()) {
			this.service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	@Timeout(value = 6, unit = TimeUnit.MINUTES)
	void the_extracted_layers_start_with_the_images_own_command_and_report_ready() throws Exception {
		deleteRecursively(WORK);
		Files.createDirectories(WORK);
		Matcher extract = EXTRACT.matcher(this.dockerfile.buildStageRuns());
		assertThat(extract.find()).as("the build stage extracts the jar into layers").isTrue();
		Path jar = Path.of(extract.group(2));
		assertThat(jar).as("the jar the build stage extracts is the one this build packages").exists();
		// The extract command as the Dockerfile has it, run where its relative jar path
		// holds.
		Files.createSymbolicLink(WORK.resolve(jar.getName(0)), jar.getName(0).toAbsolutePath());
		run(List.of(extract.group(1).split(" ")), WORK, Map.of());
		Path extracted = WORK.resolve(extract.group(3));

		Path app = WORK.resolve("root" + this.dockerfile.workdir());
		List<String> layers = new ArrayList<>();
		for (String[] copy : this.dockerfile.runtimeCopies()) {
			Matcher layer = COPY_LAYER.matcher(copy[0]);
			assertThat(layer.find()).as("a runtime COPY takes one extracted layer: %s", copy[0]).isTrue();
			assertThat(copy[1]).isEqualTo("./");
			layers.add(layer.group(1));
			copyTree(extracted.resolve(layer.group(1)), app);
		}
		assertThat(layers).as("every layer the jar has, dependencies before the application")
			.containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

		int port = Fixtures.freePort();
		Map<String, String> environment = new LinkedHashMap<>(this.dockerfile.environment());
		environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
		environment.put("SERVER_PORT", String.valueOf(port));
		Path log = WORK.resolve("service.log");
		ProcessBuilder start = new ProcessBuilder(this.dockerfile.entrypoint()).directory(app.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		start.environment().putAll(environment);
		this.service = start.start();

		assertThat(awaitReady(port, log)).as("readiness, with the service's log:%n%s", Files.readString(log))
			.isEqualTo(200);
		this.service.destroy();
		assertThat(this.service.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
		assertThat(Files.readString(log)).contains("Graceful shutdown");
	}

	@Test
	void the_image_runs_a_pinned_jre_17_as_a_numeric_user_with_a_container_aware_heap() throws IOException {
		assertThat(this.dockerfile.runtimeBase()).matches("eclipse-temurin:17\\.\\d+\\.\\d+_\\d+-jre-\\w+");
		assertThat(this.dockerfile.buildBase()).matches("eclipse-temurin:17\\.\\d+\\.\\d+_\\d+-jdk-\\w+ AS build");
		assertThat(this.dockerfile.user()).matches("[1-9]\\d{3,}:[1-9]\\d{3,}");
		assertThat(this.dockerfile.instruction("EXPOSE")).containsExactly("8080");
		assertThat(this.dockerfile.entrypoint()).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
		assertThat(String.join(" ", this.dockerfile.instruction("LABEL"))).contains("org.opencontainers.image.title=",
				"org.opencontainers.image.version=");
		List<String> ignored = Files.readAllLines(Path.of(".dockerignore"));
		assertThat(ignored).as("nothing enters the build context but what the build stage copies")
			.contains("*", "!mvnw", "!pom.xml", "!.mvn/", "!src/main/");
	}

	/**
	 * The build stage's Maven command, word for word (offline: what it needs is in the
	 * local repository by now), run on exactly what {@code .dockerignore} lets into the
	 * build context: it packages the jar. It once could not, for the style rules it
	 * checks were left out of the context.
	 */
	@Test
	@Timeout(value = 6, unit = TimeUnit.MINUTES)
	void the_build_stage_packages_the_jar_from_what_the_build_context_admits() throws Exception {
		Path context = WORK.resolve("build-context");
		deleteRecursively(context);
		Files.createDirectories(context);
		for (String line : Files.readAllLines(Path.of(".dockerignore"))) {
			if (line.startsWith("!")) {
				Path admitted = Path.of(line.substring(1));
				Path target = context.resolve(admitted.toString());
				Files.createDirectories((target.getParent() != null) ? target.getParent() : context);
				if (Files.isDirectory(admitted)) {
					copyTree(admitted, target);
				}
				else {
					Files.copy(admitted, target);
				}
			}
		}
		String build = this.dockerfile.buildRuns()
			.stream()
			.filter((run) -> run.contains(" package"))
			.findFirst()
			.orElseThrow()
			.split("&&")[0].strip();
		List<String> command = new ArrayList<>(List.of(build.split("\\s+")));
		command.add("-o");
		Path log = Files.createTempFile(WORK, "build", ".log");
		Process maven = new ProcessBuilder(command).directory(context.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		assertThat(maven.waitFor(5, TimeUnit.MINUTES)).as("the build finished").isTrue();
		assertThat(maven.exitValue()).as("%s:%n%s", command, Files.readString(log)).isZero();
		try (Stream<Path> jars = Files.list(context.resolve("target"))) {
			assertThat(jars.map((jar) -> jar.getFileName().toString())).anyMatch((name) -> name.endsWith(".jar"));
		}
	}

	private static int awaitReady(int port, Path log) throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest readiness = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
		int status = -1;
		while (System.nanoTime() < deadline) {
			try {
				status = client.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode();
				if (status == 200) {
					return status;
				}
			}
			catch (IOException notListening) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		return status;
	}

	private static void run(List<String> command, Path directory, Map<String, String> environment) throws Exception {
		Path log = Files.createTempFile(WORK, "run", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		builder.environment()
			.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
		Process process = builder.start();
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as("%s:%n%s", command, Files.readString(log)).isZero();
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path path : paths.toList()) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(path, target);
				}
			}
		}
	}

	private static void deleteRecursively(Path root) throws IOException {
		if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	/**
	 * The Dockerfile's instructions, continuation lines joined and comments left out,
	 * split into its build stage and its runtime stage (the last {@code FROM}).
	 */
	private record Dockerfile(List<String[]> build, List<String[]> runtime) {

		static Dockerfile read(Path path) {
			List<String[]> instructions = new ArrayList<>();
			StringBuilder current = new StringBuilder();
			try {
				for (String line : Files.readAllLines(path)) {
					String trimmed = line.strip();
					if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
						continue;
					}
					boolean continues = trimmed.endsWith("\\");
					current.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
					if (!continues) {
						String text = current.toString().strip();
						int space = text.indexOf(' ');
						instructions.add(new String[] { text.substring(0, space), text.substring(space + 1).strip() });
						current.setLength(0);
					}
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			int lastFrom = 0;
			for (int i = 0; i < instructions.size(); i++) {
				if (instructions.get(i)[0].equals("FROM")) {
					lastFrom = i;
				}
			}
			return new Dockerfile(instructions.subList(0, lastFrom),
					instructions.subList(lastFrom, instructions.size()));
		}

		String buildBase() {
			return this.build.get(0)[1];
		}

		String runtimeBase() {
			return this.runtime.get(0)[1];
		}

		String buildStageRuns() {
			return String.join("\n", buildRuns());
		}

		/** The build stage's RUN instructions. */
		List<String> buildRuns() {
			return this.build.stream().filter((i) -> i[0].equals("RUN")).map((i) -> i[1]).toList();
		}

		List<String> instruction(String name) {
			return this.runtime.stream().filter((i) -> i[0].equals(name)).map((i) -> i[1]).toList();
		}

		String workdir() {
			return instruction("WORKDIR").get(0);
		}

		String user() {
			return instruction("USER").get(0);
		}

		List<String[]> runtimeCopies() {
			return instruction("COPY").stream()
				.map((copy) -> copy.replaceFirst("^--from=build\\s+", "").split("\\s+"))
				.toList();
		}

		Map<String, String> environment() {
			Map<String, String> environment = new LinkedHashMap<>();
			for (String env : instruction("ENV")) {
				String[] pair = env.split("=", 2);
				environment.put(pair[0], pair[1].replaceAll("^\"|\"$", ""));
			}
			return environment;
		}

		/** The exec-form entry point, a JSON array. */
		List<String> entrypoint() {
			return JsonMapper.builder().build().readValue(instruction("ENTRYPOINT").get(0), new TypeReference<>() {
			});
		}

	}

}
