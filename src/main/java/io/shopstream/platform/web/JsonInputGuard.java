package io.shopstream.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Walks a parsed JSON body before it is bound, so no operator ever reaches MongoDB: keys
 * that start with {@code $} or contain a dot or a NUL are refused anywhere in the tree,
 * and so is nesting deeper than the configured limit.
 */
final class JsonInputGuard {

	private final int maxDepth;

	JsonInputGuard(int maxDepth) {
		this.maxDepth = maxDepth;
	}

	List<FieldProblem> check(JsonNode root) {
		List<FieldProblem> problems = new ArrayList<>();
		walk(root, "", 1, problems);
		return problems;
	}

	private void walk(JsonNode node, String path, int depth, List<FieldProblem> problems) {
		if (!node.isContainer()) {
			return;
		}
		if (depth > this.maxDepth) {
			problems.add(new FieldProblem(path.isEmpty() ? "$" : path,
					"nesting is deeper than " + this.maxDepth + " levels"));
			return;
		}
		if (node.isArray()) {
			int index = 0;
			for (JsonNode element : node.values()) {
				walk(element, path + "[" + index++ + "]", depth + 1, problems);
			}
			return;
		}
		for (Map.Entry<String, JsonNode> property : node.properties()) {
			String key = property.getKey();
			String child = path.isEmpty() ? key : path + "." + key;
			if (key.startsWith("$") || key.contains(".") || key.indexOf('\0') >= 0 || key.isEmpty()) {
				problems.add(new FieldProblem(printable(child),
						"keys must not be empty, start with '$' or contain '.' or NUL"));
				continue;
			}
			walk(property.getValue(), child, depth + 1, problems);
		}
	}

	private static String printable(String path) {
		String clean = path.replace('\0', '?');
		return (clean.length() > 200) ? clean.substring(0, 200) + "…" : clean;
	}

}
