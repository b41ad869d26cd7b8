package io.shopstream.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.shopstream.platform.web.FieldProblem;
import io.shopstream.platform.web.InvalidRequestException;
import org.bson.Document;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /admin/explain}: a find to explain. Unlike every other body, the filter and
 * sort are MongoDB query documents, so operators are allowed in them, but only query
 * operators from a fixed list: never {@code $where}, {@code $function},
 * {@code $accumulator} or {@code $expr}.
 *
 * @param collection one of Shopstream's collections
 * @param filter the query filter
 * @param sort the sort, field to 1 or -1
 * @param hint an index name or key pattern, or null
 */
record ExplainRequest(String collection, Document filter, Document sort, Object hint) {

	private static final Set<String> TOP_LEVEL = Set.of("collection", "filter", "sort", "hint");

	private static final Set<String> OPERATORS = Set.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin",
			"$and", "$or", "$nor", "$not", "$exists", "$type", "$size", "$all", "$elemMatch", "$mod", "$oid", "$date",
			"$numberDecimal", "$numberLong", "$numberInt");

	static ExplainRequest from(JsonNode body, int maxDepth) {
		if (body == null || !body.isObject()) {
			throw InvalidRequestException.of("The request body must be a JSON object", List.of());
		}
		List<FieldProblem> problems = new ArrayList<>();
		for (String name : body.propertyNames()) {
			if (!TOP_LEVEL.contains(name)) {
				problems.add(new FieldProblem((name.length() > 80) ? name.substring(0, 80) : name,
						"is not a known property"));
			}
		}
		JsonNode collection = body.get("collection");
		if (collection == null || !collection.isString() || collection.asString().length() > 64) {
			problems.add(new FieldProblem("collection", "must be a collection name"));
		}
		JsonNode filter = body.get("filter");
		if (filter != null && !filter.isObject()) {
			problems.add(new FieldProblem("filter", "must be an object"));
		}
		JsonNode sort = body.get("sort");
		if (sort != null && !sort.isObject()) {
			problems.add(new FieldProblem("sort", "must be an object"));
		}
		else if (sort != null) {
			for (Map.Entry<String, JsonNode> key : sort.properties()) {
				if (!key.getValue().isNumber() || Math.abs(key.getValue().asInt()) != 1) {
					problems.add(new FieldProblem("sort." + key.getKey(), "must be 1 or -1"));
				}
			}
		}
		JsonNode hint = body.get("hint");
		if (hint != null && !hint.isString() && !hint.isObject()) {
			problems.add(new FieldProblem("hint", "must be an index name or key pattern"));
		}
		if (filter != null && filter.isObject()) {
			check(filter, "filter", 1, maxDepth, problems);
		}
		if (!problems.isEmpty()) {
			throw InvalidRequestException.of("The explain request is invalid", problems);
		}
		return new ExplainRequest(collection.asString(),
				(filter != null) ? extendedJson("filter", filter) : new Document(),
				(sort != null) ? extendedJson("sort", sort) : new Document(),
				(hint != null) ? (hint.isString() ? hint.asString() : extendedJson("hint", hint)) : null);
	}

	/**
	 * A query document in MongoDB Extended JSON; a malformed {@code $oid}, {@code $date}
	 * or {@code $numberLong} is a 400 naming the field, not a parser failure.
	 */
	private static Document extendedJson(String field, JsonNode node) {
		try {
			return Document.parse(node.toString());
		}
		catch (RuntimeException ex) {
			throw InvalidRequestException.forField(field,
					"is not valid MongoDB Extended JSON (check $oid, $date and $numberLong values)");
		}
	}

	private static void check(JsonNode node, String path, int depth, int maxDepth, List<FieldProblem> problems) {
		if (depth > maxDepth) {
			problems.add(new FieldProblem(path, "nesting is deeper than " + maxDepth + " levels"));
			return;
		}
		if (node.isArray()) {
			for (JsonNode element : node.values()) {
				check(element, path + "[]", depth + 1, maxDepth, problems);
			}
		}
		else if (node.isObject()) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				String key = property.getKey();
				if (key.startsWith("$") && !OPERATORS.contains(key)) {
					problems.add(new FieldProblem(path + "." + key, "is not an allowed query operator"));
					continue;
				}
				if (key.isEmpty() || key.indexOf('\0') >= 0) {
					problems.add(new FieldProblem(path, "keys must not be empty or contain NUL"));
					continue;
				}
				check(property.getValue(), path + "." + key, depth + 1, maxDepth, problems);
			}
		}
	}

}
