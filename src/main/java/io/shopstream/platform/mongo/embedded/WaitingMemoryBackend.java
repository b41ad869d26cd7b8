package io.shopstream.platform.mongo.embedded;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import io.shopstream.platform.mongo.StableApiV1;

/**
 * The in-memory back-end with change streams that wait like MongoDB's. Out of the box, a
 * change-stream {@code getMore} with nothing new answers at once, so the driver asks
 * again at once and one open stream keeps a core busy; and each answer scans the whole
 * oplog. Here such a {@code getMore} waits for the next oplog write, at most the
 * command's {@code maxTimeMS}, as a real server does, and does not scan again until
 * something was written. Each waiting cursor holds one of the server's worker threads, so
 * the server runs at least as many workers as the driver opens connections.
 * <p>
 * mongo-java-server leaves {@code findAndModify} out of its oplog; a real server logs it
 * like any write, so here its insert, update or delete is recorded once the command has
 * run, and change streams see it.
 * <p>
 * Its answers are copies taken under the collection's lock
 * ({@link SnapshotMemoryDatabase}), so concurrent writes on other connections cannot
 * change a reply being sent.
 * <p>
 * It also speaks the Stable API as MongoDB 7.0 does, so the application's client runs
 * with the same settings on both back-ends: it answers {@code hello} (the handshake of a
 * client that declares an API version), and a command sent with {@code apiStrict: true}
 * is refused as a real server refuses it ({@link StableApiV1}): a command outside API V1,
 * the creation of a text index, or a {@code $text} query, which finds no usable index in
 * strict mode. Its replies carry {@code operationTime}, the time of the latest oplog
 * entry, as a replica set member's do.
 * <p>
 * Its {@code buildInfo} says what it is ({@link EmbeddedMongoServer#BUILD_INFO_MARKER}),
 * so the service recognises it from its answers alone, whether it runs in the service's
 * own process or in one of its own.
 */
class WaitingMemoryBackend extends MemoryBackend {

	/** The Stable API's fields of a command; the API layer consumes them. */
	private static final List<String> API_PARAMETERS = List.of("apiVersion", "apiStrict", "apiDeprecationErrors");

	/**
	 * MongoDB's code for a query no plan can serve, as a {@code $text} query is in strict
	 * mode ({@code jstests/core/query/api/api_version_unstable_indexes.js}).
	 */
	private static final int NO_QUERY_EXECUTION_PLANS = 291;

	/** How long a change-stream getMore waits when the command does not say. */
	private static final long DEFAULT_AWAIT_MILLIS = 1000;

	private final OplogSignal signal = new OplogSignal();

	/**
	 * The oplog version at which each change-stream cursor last found nothing new: asking
	 * again before the next write would scan the whole oplog for nothing, so it waits
	 * instead.
	 */
	private final Map<Long, Long> quietSince = new ConcurrentHashMap<>();

	private final int maxOplogEntries;

	WaitingMemoryBackend(int maxOplogEntries) {
		this.maxOplogEntries = maxOplogEntries;
	}

	@Override
	public SnapshotMemoryDatabase openOrCreateDatabase(String databaseName) {
		return new SnapshotMemoryDatabase(databaseName, getCursorRegistry());
	}

	@Override
	protected Oplog createOplog() {
		return new IndexedOplog(this, getCursorRegistry(), this.signal, this.maxOplogEntries);
	}

	@Override
	public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
		if (Boolean.TRUE.equals(query.get("apiStrict"))) {
			refuseWhatStrictModeRefuses(command, query);
		}
		for (String parameter : API_PARAMETERS) {
			query.remove(parameter);
		}
		boolean helloOk = Boolean.TRUE.equals(query.remove("helloOk"));
		if ("hello".equalsIgnoreCase(command)) {
			return hello(channel, databaseName, query);
		}
		Document answer = super.handleCommand(channel, databaseName, command, query);
		if (helloOk && "ismaster".equalsIgnoreCase(command)) {
			// A client that may use hello is told so, and uses it from then on (mongod's
			// CmdHello: "helloOk"); isMaster is not in API V1.
			answer.put("helloOk", true);
		}
		if ("buildinfo".equalsIgnoreCase(command)) {
			answer.put(EmbeddedMongoServer.BUILD_INFO_MARKER, true);
		}
		if ("findandmodify".equalsIgnoreCase(command)) {
			recordFindAndModify(databaseName + "." + query.get(command), query, answer);
		}
		if (this.oplog instanceof IndexedOplog indexed && !"ismaster".equalsIgnoreCase(command)) {
			answer.put("operationTime", indexed.clusterTime());
		}
		return answer;
	}

	private static void refuseWhatStrictModeRefuses(String command, Document query) {
		if (!StableApiV1.includes(command)) {
			throw apiStrictError(StableApiV1.notInV1(command));
		}
		if ("createindexes".equalsIgnoreCase(command) && query.get("indexes") instanceof List<?> indexes
				&& indexes.stream()
					.anyMatch((index) -> index instanceof Document spec && spec.get("key") instanceof Document key
							&& key.containsValue("text"))) {
			throw apiStrictError("text indexes cannot be created with apiStrict: true");
		}
		boolean textQuery = switch (command.toLowerCase(Locale.ROOT)) {
			case "find" -> query.get("filter") instanceof Document filter && filter.containsKey("$text");
			case "aggregate" -> query.get("pipeline") instanceof List<?> stages && !stages.isEmpty()
					&& stages.get(0) instanceof Document first && first.get("$match") instanceof Document match
					&& match.containsKey("$text");
			default -> false;
		};
		if (textQuery) {
			throw new MongoServerError(NO_QUERY_EXECUTION_PLANS, "NoQueryExecutionPlans",
					"error processing query: planner returned error :: caused by :: "
							+ "need exactly one text index for $text query");
		}
	}

	private static MongoServerError apiStrictError(String message) {
		return new MongoServerError(StableApiV1.API_STRICT_ERROR, "APIStrictError", message);
	}

	/** {@code hello}: the {@code isMaster} answer under its newer names. */
	private Document hello(Channel channel, String databaseName, Document query) {
		Document answer = super.handleCommand(channel, databaseName, "isMaster", query);
		Document hello = new Document();
		answer.forEach((key, value) -> hello.put("ismaster".equalsIgnoreCase(key) ? "isWritablePrimary" : key, value));
		hello.put("helloOk", true);
		return hello;
	}

	/**
	 * Records what a findAndModify did: a delete, an update of the document it found, or
	 * the insert of an upsert that found none (its id from {@code upserted}, or from the
	 * new document it returned).
	 */
	private void recordFindAndModify(String namespace, Document query, Document answer) {
		Document outcome = (answer.get("lastErrorObject") instanceof Document document) ? document : new Document();
		Object returned = (answer.get("value") instanceof Document value) ? value.get("_id") : null;
		Document selector = (query.get("query") instanceof Document document) ? document : new Document();
		if (Boolean.TRUE.equals(query.get("remove"))) {
			if (returned != null) {
				this.oplog.handleDelete(namespace, selector, List.of(returned));
			}
		}
		else if (Boolean.TRUE.equals(outcome.get("updatedExisting"))) {
			if (returned != null) {
				Document update = (query.get("update") instanceof Document document) ? document : new Document();
				this.oplog.handleUpdate(namespace, selector, update, List.of(returned));
			}
		}
		else {
			Object inserted = (outcome.get("upserted") != null) ? outcome.get("upserted") : returned;
			if (inserted != null) {
				resolveDatabase(namespace.substring(0, namespace.indexOf('.')))
					.resolveCollection(namespace.substring(namespace.indexOf('.') + 1), false)
					.handleQueryAsStream(new Document("_id", inserted))
					.findFirst()
					.ifPresent((document) -> this.oplog.handleInsert(namespace, List.of(document)));
			}
		}
	}

	@Override
	protected Document handleGetMore(String databaseName, String command, Document query) {
		long cursorId = ((Number) query.get(command)).longValue();
		Cursor cursor = getCursorRegistry().getCursor(cursorId);
		if (!isChangeStream(cursor)) {
			this.quietSince.remove(cursorId);
			return super.handleGetMore(databaseName, command, query);
		}
		long awaitMillis = (query.get("maxTimeMS") instanceof Number max) ? max.longValue() : DEFAULT_AWAIT_MILLIS;
		long deadline = System.nanoTime() + awaitMillis * 1_000_000;
		while (true) {
			long seen = this.signal.version();
			if (!Long.valueOf(seen).equals(this.quietSince.get(cursorId))) {
				Document answer = super.handleGetMore(databaseName, command, query);
				if (!isEmptyBatch(answer)) {
					this.quietSince.remove(cursorId);
					return answer;
				}
				this.quietSince.put(cursorId, seen);
			}
			long left = (deadline - System.nanoTime()) / 1_000_000;
			if (left <= 0) {
				return emptyBatch(databaseName, query, cursorId);
			}
			try {
				this.signal.awaitChange(seen, left);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return emptyBatch(databaseName, query, cursorId);
			}
		}
	}

	/** The answer to a getMore that found nothing, as the server writes it. */
	private static Document emptyBatch(String databaseName, Document query, long cursorId) {
		Document cursor = new Document("id", cursorId).append("ns", databaseName + "." + query.get("collection"))
			.append("nextBatch", List.of());
		return new Document("cursor", cursor).append("ok", 1.0);
	}

	private static boolean isChangeStream(Cursor cursor) {
		return cursor instanceof IndexedOplog.ChangeStreamCursor;
	}

	private static boolean isEmptyBatch(Document answer) {
		Object cursor = answer.get("cursor");
		return cursor instanceof Document document && document.get("nextBatch") instanceof List<?> batch
				&& batch.isEmpty();
	}

}
