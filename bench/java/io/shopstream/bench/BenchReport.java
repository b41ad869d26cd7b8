package io.shopstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A benchmark's result lines: printed, and kept in {@code target/bench/<name>.txt}. */
public final class BenchReport {

	private final String name;

	private final List<String> lines = new ArrayList<>();

	public BenchReport(String name) {
		this.name = name;
	}

	public void line(String format, Object... arguments) {
		String line = String.format(Locale.ROOT, format, arguments);
		this.lines.add(line);
		System.out.println("[bench] " + line);
	}

	public void write() throws IOException {
		Path file = Path.of("target", "bench", this.name + ".txt");
		Files.createDirectories(file.getParent());
		Files.write(file, this.lines);
	}

}
