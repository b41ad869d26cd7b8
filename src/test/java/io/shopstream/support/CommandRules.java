package io.shopstream.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.model.IndexModel;
import io.shopstream.platform.mongo.StableApiV1;
import io.shopstream.platform.mongo.schema.CollectionSchema;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * The rules of MongoDB 7.0 that the embedded back-end does not enforce (or enforces only
 * in part), held against one command as the driver sent it. Each rule names where it
 * comes from:
 * <ol>
 * <li><b>Stable API.</b> A command sent with {@code apiStrict: true} is in API V1 (the
 * manual's "Stable API Changelog"; {@link StableApiV1}); a command sent without strict
 * mode is one of the operations {@code OutsideStableApi} exists for ({@code buildInfo}, a
 * text index, a {@code $text} find, an {@code explain}); a command sent without any API
 * version is a {@code getMore}, {@code killCursors} or transaction step, which the Stable
 * API specification has drivers send bare after the command that declared it.</li>
 * <li><b>Read preference in transactions.</b> A command inside a transaction
 * ({@code autocommit: false}) reads from the primary: the reactive driver refuses any
 * other ("Read preference in a transaction must be primary",
 * {@code driver-reactive-streams/src/main/com/mongodb/reactivestreams/client/internal/OperationExecutorImpl.java}).</li>
 * <li><b>No server-side JavaScript.</b> No {@code $where}, {@code $function} or
 * {@code $accumulator} anywhere in a command: deprecated since MongoDB 8.0 (the manual's
 * {@code $function}, {@code $accumulator} and {@code $where} pages) and run by neither
 * back-end the same way.</li>
 * <li><b>Served by a declared index.</b> Every find, aggregate ({@code $match} first),
 * count, update, delete and findAndModify on a collection with a declared schema is
 * served by one of its declared indexes: equality on every key of {@code _id} or of a
 * unique index (one document at most, whatever else is checked on it), a {@code $text}
 * query with the collection's text index, or equality, sort and range fields that
 * together form a prefix of a declared index's keys, sort fields in the index's order
 * (the manual's "The ESR (Equality, Sort, Range) Guideline" and "Use Indexes to Sort
 * Query Results"). A hint names a declared index whose leading keys the query compares by
 * equality, followed by its sort fields in order, or by a field it bounds when it has no
 * sort: the index bounds the scan and gives the order, and any other filter is checked on
 * the documents in that range. A test's own look-up says so in its comment
 * ({@link #TEST_LOOKUP}) and is held to the other rules only.</li>
 * </ol>
 */
public final class CommandRules {

	/**
	 * The comment a test puts on its own look-ups and clean-ups (by fields no request of
	 * the service filters on): they fall under every rule but the index rule, which is
	 * about what the service sends.
	 */
	public static final String TEST_LOOKUP = "shopstream test look-up";

	private static final Set<String> SERVER_JAVASCRIPT = Set.of("$where", "$function", "$accumulator");

	private static final Set<String> EQUALITY = Set.of("$eq", "$in");

	private static final Set<String> BARE_FOLLOW_UPS = Set.of("getmore", "killcursors", "committransaction",
			"aborttransaction", "endsessions");

	private final Map<String, List<BsonDocument>> indexes = new LinkedHashMap<>();

	private final Map<String, Set<String>> indexNames = new LinkedHashMap<>();

	private final Map<String, List<Set<String>>> uniqueKeys = new LinkedHashMap<>();

	public CommandRules(List<CollectionSchema> schemas) {
		for (CollectionSchema schema : schemas) {
			List<BsonDocument> keys = new ArrayList<>();
			Set<String> names = new LinkedHashSet<>();
			List<Set<String>> unique = new ArrayList<>();
			unique.add(Set.of("_id"));
			for (IndexModel index : schema.indexes()) {
				keys.add(index.getKeys().toBsonDocument());
				names.add(index.getOptions().getName());
				if (index.getOptions().isUnique() && index.getOptions().getPartialFilterExpression() == null) {
					unique.add(index.getKeys().toBsonDocument().keySet());
				}
			}
			this.indexes.put(schema.collection(), keys);
			this.indexNames.put(schema.collection(), names);
			this.uniqueKeys.put(schema.collection(), unique);
		}
	}

	/**
	 * Every rule the command breaks, each naming the rule; empty when it keeps them all.
	 */
	public List<String> check(String name, BsonDocument command) {
		List<String> broken = new ArrayList<>();
		stableApi(name, command, broken);
		readPreferenceInTransaction(command, broken);
		serverJavaScript(command, broken);
		servedByIndex(name, command, broken);
		return broken;
	}

	private static void stableApi(String name, BsonDocument command, List<String> broken) {
		boolean declared = command.containsKey("apiVersion");
		boolean strict = command.getBoolean("apiStrict", BsonBoolean.FALSE).getValue();
		if (strict && !StableApiV1.includes(name)) {
			broken.add("Stable API: " + name + " is not in API V1");
		}
		else if (declared && !strict && !isOutsideStableApiOperation(name, command)) {
			broken.add("Stable API: " + name + " was sent without strict mode, which only OutsideStableApi's "
					+ "operations may be");
		}
		else if (!declared && !BARE_FOLLOW_UPS.contains(name.toLowerCase(Locale.ROOT))) {
			broken.add("Stable API: " + name + " was sent without an API version");
		}
	}

	private static boolean isOutsideStableApiOperation(String name, BsonDocument command) {
		return switch (name) {
			case "buildInfo", "explain" -> true;
			case "createIndexes" -> command.getArray("indexes")
				.stream()
				.allMatch((index) -> index.asDocument().getDocument("key").containsValue(new BsonString("text")));
			case "find" -> command.getDocument("filter", new BsonDocument()).containsKey("$text");
			default -> false;
		};
	}

	private static void readPreferenceInTransaction(BsonDocument command, List<String> broken) {
		boolean inTransaction = command.containsKey("autocommit") && !command.getBoolean("autocommit").getValue();
		if (inTransaction && command.containsKey("$readPreference")) {
			String mode = command.getDocument("$readPreference").getString("mode").getValue();
			if (!"primary".equals(mode)) {
				broken.add("read preference in a transaction must be primary, not " + mode);
			}
		}
	}

	private static void serverJavaScript(BsonValue value, List<String> broken) {
		if (value.isDocument()) {
			for (Map.Entry<String, BsonValue> entry : value.asDocument().entrySet()) {
				if (SERVER_JAVASCRIPT.contains(entry.getKey())) {
					broken.add("server-side JavaScript: " + entry.getKey());
				}
				serverJavaScript(entry.getValue(), broken);
			}
		}
		else if (value.isArray()) {
			value.asArray().forEach((element) -> serverJavaScript(element, broken));
		}
	}

	private void servedByIndex(String name, BsonDocument command, List<String> broken) {
		BsonValue target = command.get(name);
		if (target == null || !target.isString() || !this.indexes.containsKey(target.asString().getValue())) {
			return;
		}
		if (TEST_LOOKUP.equals(comment(command))) {
			return;
		}
		String collection = target.asString().getValue();
		for (Query query : queries(name, command)) {
			if (!served(collection, query)) {
				broken.add("index: " + shape(collection, name, query) + ", which no declared index serves (filter "
						+ query.filter().toJson() + ((query.hint() != null) ? ", hint " + describe(query.hint()) : "")
						+ ")");
			}
		}
	}

	/**
	 * What a query asks of an index: its collection and command, its equality and range
	 * fields (each sorted by name) and its sort fields in order, for example
	 * {@code users find eq[role] range[status] sort[_id]}.
	 */
	static String shape(String collection, String name, Query query) {
		Fields fields = new Fields();
		fields.read(query.filter());
		List<String> sort = (query.sort() != null) ? new ArrayList<>(query.sort().keySet()) : List.of();
		return collection + " " + name + " eq" + fields.equality.stream().sorted().toList() + " range"
				+ fields.range.stream().sorted().toList() + " sort" + sort + (fields.text ? " text" : "");
	}

	private static List<Query> queries(String name, BsonDocument command) {
		List<Query> queries = new ArrayList<>();
		switch (name) {
			case "find" -> queries.add(new Query(command.getDocument("filter", new BsonDocument()),
					command.getDocument("sort", null), command.get("hint")));
			case "count" -> {
				if (!command.getDocument("query", new BsonDocument()).isEmpty()) {
					// without a query, the collection's size, read from its metadata
					queries.add(new Query(command.getDocument("query"), null, command.get("hint")));
				}
			}
			case "findAndModify" -> queries.add(new Query(command.getDocument("query", new BsonDocument()),
					command.getDocument("sort", null), command.get("hint")));
			case "update" -> command.getArray("updates")
				.forEach((update) -> queries
					.add(new Query(update.asDocument().getDocument("q"), null, update.asDocument().get("hint"))));
			case "delete" -> command.getArray("deletes")
				.forEach((delete) -> queries
					.add(new Query(delete.asDocument().getDocument("q"), null, delete.asDocument().get("hint"))));
			case "aggregate" -> {
				List<BsonValue> stages = command.getArray("pipeline");
				if (!stages.isEmpty() && stages.get(0).asDocument().containsKey("$match")) {
					BsonDocument sort = (stages.size() > 1 && stages.get(1).asDocument().containsKey("$sort"))
							? stages.get(1).asDocument().getDocument("$sort") : null;
					queries.add(new Query(stages.get(0).asDocument().getDocument("$match"), sort, command.get("hint")));
				}
				else if (!stages.isEmpty() && !stages.get(0).asDocument().containsKey("$changeStream")) {
					queries.add(new Query(new BsonDocument(), null, command.get("hint")));
				}
			}
			default -> {
			}
		}
		return queries;
	}

	private static String describe(BsonValue hint) {
		return hint.isString() ? "\"" + hint.asString().getValue() + "\"" : hint.asDocument().toJson();
	}

	/**
	 * A command's comment, at its top level for every command (a write's options put it
	 * there too).
	 */
	private static String comment(BsonDocument command) {
		BsonValue comment = command.get("comment");
		return (comment != null && comment.isString()) ? comment.asString().getValue() : null;
	}

	private boolean served(String collection, Query query) {
		Fields fields = new Fields();
		fields.read(query.filter());
		if (query.hint() != null) {
			BsonDocument hinted = hintedKeys(collection, query.hint());
			return hinted != null && hintServes(hinted, fields, query.sort());
		}
		if (this.uniqueKeys.get(collection).stream().anyMatch(fields.equality::containsAll)) {
			// at most one document: found by a unique index, the rest checked on it alone
			return true;
		}
		if (fields.text) {
			return this.indexes.get(collection).stream().anyMatch((keys) -> keys.containsValue(new BsonString("text")));
		}
		List<String> sort = (query.sort() != null) ? new ArrayList<>(query.sort().keySet()) : List.of();
		if (fields.equality.isEmpty() && fields.range.isEmpty() && sort.isEmpty()) {
			return false;
		}
		return this.indexes.get(collection).stream().anyMatch((keys) -> prefix(keys, fields, sort, query.sort()));
	}

	private BsonDocument hintedKeys(String collection, BsonValue hint) {
		if (!hint.isString()) {
			return this.indexes.get(collection).contains(hint.asDocument()) ? hint.asDocument() : null;
		}
		List<String> names = new ArrayList<>(this.indexNames.get(collection));
		int at = names.indexOf(hint.asString().getValue());
		return (at >= 0) ? this.indexes.get(collection).get(at) : null;
	}

	/**
	 * Whether the hinted index's leading keys are equality fields of the query, followed
	 * by the query's sort fields in the index's order and all in its direction or all
	 * against it; or, without a sort, whether its first key is one the query compares.
	 */
	private static boolean hintServes(BsonDocument keys, Fields fields, BsonDocument sortSpec) {
		List<String> order = new ArrayList<>(keys.keySet());
		int first = 0;
		while (first < order.size() && fields.equality.contains(order.get(first))) {
			first++;
		}
		List<String> sortOnly = (sortSpec != null)
				? sortSpec.keySet().stream().filter((field) -> !fields.equality.contains(field)).toList() : List.of();
		if (sortOnly.isEmpty()) {
			return first > 0 || (!order.isEmpty() && fields.range.contains(order.get(0)));
		}
		if (first + sortOnly.size() > order.size() || !order.subList(first, first + sortOnly.size()).equals(sortOnly)) {
			return false;
		}
		return sameDirection(keys, sortOnly, sortSpec);
	}

	private static boolean sameDirection(BsonDocument keys, List<String> sortOnly, BsonDocument sortSpec) {
		Set<Boolean> sameDirection = new LinkedHashSet<>();
		for (String field : sortOnly) {
			boolean indexAscending = keys.get(field).isNumber() && keys.get(field).asNumber().intValue() > 0;
			boolean sortAscending = sortSpec.get(field).isNumber() && sortSpec.get(field).asNumber().intValue() > 0;
			sameDirection.add(indexAscending == sortAscending);
		}
		return sameDirection.size() == 1;
	}

	/**
	 * Whether equality, sort and range fields together are the first keys of the index,
	 * equality first, then the sort fields in the index's order and all in its direction
	 * or all against it, then the range fields.
	 */
	private static boolean prefix(BsonDocument keys, Fields fields, List<String> sort, BsonDocument sortSpec) {
		List<String> order = new ArrayList<>(keys.keySet());
		Set<String> wanted = new LinkedHashSet<>(fields.equality);
		sort.stream().filter((field) -> !fields.equality.contains(field)).forEach(wanted::add);
		wanted.addAll(fields.range);
		if (wanted.size() > order.size() || !Set.copyOf(order.subList(0, wanted.size())).equals(wanted)) {
			return false;
		}
		List<String> sortOnly = sort.stream().filter((field) -> !fields.equality.contains(field)).toList();
		if (sortOnly.isEmpty()) {
			return true;
		}
		int first = fields.equality.size();
		if (!order.subList(first, first + sortOnly.size()).equals(sortOnly)) {
			return false;
		}
		return sameDirection(keys, sortOnly, sortSpec);
	}

	record Query(BsonDocument filter, BsonDocument sort, BsonValue hint) {
	}

	/** The fields a filter compares, by kind. */
	private static final class Fields {

		private final Set<String> equality = new LinkedHashSet<>();

		private final Set<String> range = new LinkedHashSet<>();

		private boolean text;

		void read(BsonDocument filter) {
			for (Map.Entry<String, BsonValue> entry : filter.entrySet()) {
				String key = entry.getKey();
				BsonValue value = entry.getValue();
				if ("$and".equals(key)) {
					value.asArray().forEach((clause) -> read(clause.asDocument()));
				}
				else if ("$text".equals(key)) {
					this.text = true;
				}
				else if (key.startsWith("$")) {
					// $or, $nor, $expr, $comment: no bounds of their own
					continue;
				}
				else if (value.isDocument() && !value.asDocument().isEmpty()
						&& value.asDocument().getFirstKey().startsWith("$")) {
					boolean onlyEquality = value.asDocument().keySet().stream().allMatch(EQUALITY::contains);
					(onlyEquality ? this.equality : this.range).add(key);
				}
				else {
					this.equality.add(key);
				}
			}
			this.range.removeAll(this.equality);
		}

	}

}
