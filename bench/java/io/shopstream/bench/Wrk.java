package io.shopstream.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

/**
 * HTTP load from wrk (Debian's {@code wrk} package), a load generator in C that takes
 * less of the machine's two cores than any JVM client would leave the servers. Each
 * connection sends its next request as soon as the previous answer arrives; requests go
 * round a list of paths, or are one POST with a body. Its Lua {@code done} hook prints
 * the totals and the latency percentiles wrk records (to the microsecond, for every
 * request).
 */
final class Wrk {

	private static final Pattern RESULT = Pattern.compile("(?m)^RESULT (.*)$");

	private static final String SCRIPT = """
			local paths = {}
			local next = 0
			function init(args)
			  for line in io.lines(args[1]) do paths[#paths + 1] = line end
			  if args[2] then
			    wrk.method = "POST"
			    wrk.body = io.open(args[2]):read("*a")
			    wrk.headers["Content-Type"] = "application/json"
			  end
			  if args[3] then wrk.headers["Authorization"] = "Bearer " .. args[3] end
			end
			function request()
			  next = next % #paths + 1
			  return wrk.format(nil, paths[next])
			end
			function done(summary, latency, requests)
			  local e = summary.errors
			  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d " ..
			    "status=%d connect=%d read=%d write=%d timeout=%d\\n",
			    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
			    latency.max, e.status, e.connect, e.read, e.write, e.timeout))
			end
			""";

	private Wrk() {
	}

	/** GETs round the paths on {@code connections} connections for the duration. */
	static Result get(int port, List<String> paths, int connections, Duration duration) throws Exception {
		return run(port, paths, null, null, connections, duration);
	}

	/** The same POST, with a bearer token, on {@code connections} connections. */
	static Result post(int port, String path, String json, String token, int connections, Duration duration)
			throws Exception {
		return run(port, List.of(path), json, token, connections, duration);
	}

	private static Result run(int port, List<String> paths, String body, String token, int connections,
			Duration duration) throws Exception {
		Path directory = Files.createTempDirectory("shopstream-wrk");
		try {
			Path script = Files.writeString(directory.resolve("paths.lua"), SCRIPT);
			Path pathList = Files.write(directory.resolve("paths.txt"), paths, StandardCharsets.UTF_8);
			List<String> command = new ArrayList<>(
					List.of("wrk", "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s", "--timeout", "10s",
							"-s", script.toString(), "http://127.0.0.1:" + port, "--", pathList.toString()));
			if (body != null) {
				command.add(Files.writeString(directory.resolve("body.json"), body).toString());
				command.add(token);
			}
			Process wrk;
			try {
				wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
			}
			catch (IOException ex) {
				throw new IllegalStateException("wrk is needed for this benchmark: apt-get install wrk", ex);
			}
			String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!wrk.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
				throw new IllegalStateException("wrk failed:\n" + out);
			}
			Matcher result = RESULT.matcher(out);
			if (!result.find()) {
				throw new IllegalStateException("wrk printed no result:\n" + out);
			}
			Map<String, Long> values = new HashMap<>();
			for (String pair : result.group(1).trim().split(" ")) {
				String[] nameValue = pair.split("=");
				values.put(nameValue[0], Long.parseLong(nameValue[1]));
			}
			long errors = values.get("status") + values.get("connect") + values.get("read") + values.get("write")
					+ values.get("timeout");
			return new Result(values.get("requests"), Duration.ofNanos(values.get("duration_us") * 1000),
					values.get("p50_us"), values.get("p99_us"), values.get("max_us"), errors);
		}
		finally {
			try (Stream<Path> files = Files.list(directory)) {
				for (Path file : files.toList()) {
					Files.delete(file);
				}
			}
			Files.delete(directory);
		}
	}

	/** What one run measured. */
	record Result(long requests, Duration duration, long p50Micros, long p99Micros, long maxMicros, long errors) {

		double perSecond() {
			return this.requests * 1e9 / this.duration.toNanos();
		}

	}

}
