package io.shopstream;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files and tests a comment or document cites by name: paths with a slash
 * ({@code docs/FEEDS.md}), bare document names ({@code FEEDS.md}), Java files and test
 * classes (names ending in Tests or Contract). Web addresses and build output
 * ({@code target/}) are not files of the project.
 */
final class CitedFiles {

	private static final Pattern URL = Pattern.compile("https?://\\S+");

	private static final Pattern PATH = Pattern
		.compile("(?<![\\w./-])((?:[\\w.-]+/)+[\\w.-]+\\.(?:md|ya?ml|java|properties|json|xml|sh|txt))\\b");

	private static final Pattern DOCUMENT = Pattern.compile("(?<![\\w./-])([A-Z][A-Z0-9_-]*\\.md)\\b");

	private static final Pattern JAVA_FILE = Pattern.compile("(?<![\\w./-])([A-Z]\\w*\\.java)\\b");

	private static final Pattern TEST_CLASS = Pattern.compile("(?<![\\w.])([A-Z]\\w*(?:Tests|Contract))\\b");

	private CitedFiles() {
	}

	static Set<String> in(String text) {
		String withoutUrls = URL.matcher(text).replaceAll(" ");
		Set<String> cited = new TreeSet<>();
		for (Pattern pattern : new Pattern[] { PATH, DOCUMENT, JAVA_FILE, TEST_CLASS }) {
			Matcher matcher = pattern.matcher(withoutUrls);
			while (matcher.find()) {
				if (!matcher.group(1).startsWith("target/")) {
					cited.add(matcher.group(1));
				}
			}
		}
		return cited;
	}

	/**
	 * Whether the cited name is a file of the project, as the citing file would find it.
	 */
	static boolean exists(String cited, Path citing, Set<String> javaFileNames) {
		if (!cited.contains(".")) {
			return javaFileNames.contains(cited + ".java");
		}
		if (!cited.contains("/") && cited.endsWith(".java")) {
			return javaFileNames.contains(cited);
		}
		Path folder = (citing.getParent() != null) ? citing.getParent() : Path.of("");
		for (Path candidate : new Path[] { Path.of(cited), folder.resolve(cited), Path.of("docs", cited),
				Path.of("src/main/resources", cited), Path.of("src/test/resources", cited) }) {
			if (Files.exists(candidate)) {
				return true;
			}
		}
		return false;
	}

}
