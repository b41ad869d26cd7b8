package io.shopstream.platform.mongo.embedded;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.oplog.OplogPosition;

/**
 * The embedded back-end's oplog, kept as an ordered, trimmed list in memory.
 * mongo-java-server's own oplog is a collection that every change-stream read scans and
 * sorts in full, and whose update lookups scan the whole watched collection; here a
 * cursor remembers where it is and reads only what came after, and an update lookup finds
 * the document by {@code _id}. A resume point that is no longer held is answered with
 * {@code ChangeStreamHistoryLost} (code 286), as MongoDB does, never with a silent gap.
 * Every write signals the waiting cursors.
 */
final class IndexedOplog implements Oplog {

	/** MongoDB's code for a resume point that is no longer in the oplog. */
	static final int CHANGE_STREAM_HISTORY_LOST = 286;

	private final MongoBackend backend;

	private final CursorRegistry cursors;

	private final OplogSignal signal;

	private final int maxEntries;

	/** Guarded by this: the retained entries, oldest first. */
	private final List<Entry> entries = new ArrayList<>();

	/** Guarded by this: the sequence number of {@code entries.get(0)}. */
	private long firstSequence;

	private int lastSecond;

	private int increment;

	IndexedOplog(MongoBackend backend, CursorRegistry cursors, OplogSignal signal, int maxEntries) {
		this.backend = backend;
		this.cursors = cursors;
		this.signal = signal;
		this.maxEntries = maxEntries;
	}

	@Override
	public void handleInsert(String namespace, List<Document> documents) {
		documents.forEach((document) -> append("insert", namespace, document.get("_id"), document.cloneDeeply()));
	}

	@Override
	public void handleUpdate(String namespace, Document selector, Document update, List<Object> modifiedIds) {
		modifiedIds.forEach((id) -> append("update", namespace, id, update));
	}

	@Override
	public void handleDelete(String namespace, Document query, List<Object> deletedIds) {
		deletedIds.forEach((id) -> append("delete", namespace, id, null));
	}

	/** Shopstream never drops a collection it watches; drops are not recorded. */
	@Override
	public void handleDropCollection(String namespace) {
	}

	@Override
	public Cursor createCursor(Document changeStream, String namespace, Aggregation aggregation) {
		long next;
		synchronized (this) {
			next = startSequence(changeStream);
		}
		boolean lookup = "updateLookup".equals(changeStream.get("fullDocument"));
		ChangeStreamCursor cursor = new ChangeStreamCursor(this.cursors.generateCursorId(), namespace, lookup,
				aggregation, next);
		this.cursors.add(cursor);
		return cursor;
	}

	private long startSequence(Document changeStream) {
		Document resumePoint = (Document) changeStream.getOrDefault("resumeAfter", changeStream.get("startAfter"));
		if (resumePoint != null) {
			String token = OplogPosition.fromDocument(resumePoint).toHexString();
			for (int i = 0; i < this.entries.size(); i++) {
				if (this.entries.get(i).token().equals(token)) {
					return this.firstSequence + i + 1;
				}
			}
			throw historyLost();
		}
		if (changeStream.get("startAtOperationTime") instanceof BsonTimestamp start) {
			for (int i = 0; i < this.entries.size(); i++) {
				if (this.entries.get(i).timestamp().compareTo(start) >= 0) {
					return this.firstSequence + i;
				}
			}
		}
		return this.firstSequence + this.entries.size();
	}

	private void append(String operation, String namespace, Object id, Document document) {
		synchronized (this) {
			BsonTimestamp timestamp = nextTimestamp();
			this.entries.add(new Entry(timestamp, new OplogPosition(timestamp).toHexString(), operation, namespace, id,
					document));
			if (this.entries.size() > this.maxEntries + this.maxEntries / 10) {
				int drop = this.entries.size() - this.maxEntries;
				this.entries.subList(0, drop).clear();
				this.firstSequence += drop;
			}
		}
		this.signal.advance();
	}

	/**
	 * The cluster's time: the timestamp of the latest entry, as a real server reports in
	 * a reply's {@code operationTime}; every later write gets a greater one.
	 */
	synchronized BsonTimestamp clusterTime() {
		if (this.lastSecond == 0) {
			return new BsonTimestamp(Instant.ofEpochSecond(Instant.now().getEpochSecond()), 0);
		}
		return new BsonTimestamp(Instant.ofEpochSecond(this.lastSecond), this.increment);
	}

	private BsonTimestamp nextTimestamp() {
		int second = (int) Instant.now().getEpochSecond();
		if (second > this.lastSecond) {
			this.lastSecond = second;
			this.increment = 0;
		}
		return new BsonTimestamp(Instant.ofEpochSecond(this.lastSecond), ++this.increment);
	}

	/**
	 * The entries from this sequence number on, or a history-lost error when they were
	 * trimmed.
	 */
	private synchronized List<Entry> from(long sequence) {
		if (sequence < this.firstSequence) {
			throw historyLost();
		}
		int index = (int) (sequence - this.firstSequence);
		return (index >= this.entries.size()) ? List.of()
				: List.copyOf(this.entries.subList(index, this.entries.size()));
	}

	/**
	 * The change event a MongoDB 7.0 replica set emits for this entry (the manual's
	 * "Change Events"): an update carries {@code updateDescription} with the new values
	 * of the fields it changed and the fields it removed, and its {@code fullDocument}
	 * only on {@code updateLookup}, null when the document is gone by then; an update
	 * without operators is a {@code replace}.
	 */
	private Document changeEvent(Entry entry, boolean lookup) {
		boolean replace = "update".equals(entry.operation()) && !hasOperators(entry.document());
		String operation = replace ? "replace" : entry.operation();
		Document event = new Document("_id", new Document("_data", entry.token())).append("operationType", operation);
		switch (operation) {
			case "insert" -> event.append("fullDocument", entry.document());
			case "replace" -> event.append("fullDocument", current(entry).orElse(null));
			case "update" -> {
				Optional<Document> current = current(entry);
				if (lookup) {
					event.append("fullDocument", current.orElse(null));
				}
				event.append("updateDescription", updateDescription(entry.document(), current.orElse(null)));
			}
			default -> {
			}
		}
		return event.append("documentKey", new Document("_id", entry.id())).append("clusterTime", entry.timestamp());
	}

	private Optional<Document> current(Entry entry) {
		int dot = entry.namespace().indexOf('.');
		MongoCollection<?> collection = this.backend.resolveDatabase(entry.namespace().substring(0, dot))
			.resolveCollection(entry.namespace().substring(dot + 1), false);
		if (collection == null) {
			return Optional.empty();
		}
		return collection.handleQueryAsStream(new Document("_id", entry.id())).findFirst();
	}

	private static boolean hasOperators(Document update) {
		return update != null && update.keySet().stream().anyMatch((key) -> key.startsWith("$"));
	}

	/**
	 * What a real server reports of an update: every field an operator set, with its
	 * value after the update (read from the document as it is now, since the entry holds
	 * the operators, not their result), and every field {@code $unset} removed.
	 */
	private static Document updateDescription(Document update, Document current) {
		Document updated = new Document();
		List<String> removed = new ArrayList<>();
		for (String operator : update.keySet()) {
			if (!(update.get(operator) instanceof Document fields)) {
				continue;
			}
			for (String path : fields.keySet()) {
				if ("$unset".equals(operator)) {
					removed.add(path);
				}
				else if (current != null) {
					updated.append(path, valueAt(current, path));
				}
				else if ("$set".equals(operator)) {
					updated.append(path, fields.get(path));
				}
			}
		}
		return new Document("updatedFields", updated).append("removedFields", removed)
			.append("truncatedArrays", List.of());
	}

	private static Object valueAt(Document document, String path) {
		Object value = document;
		for (String part : path.split("\\.")) {
			if (!(value instanceof Document nested)) {
				return null;
			}
			value = nested.get(part);
		}
		return value;
	}

	private static MongoServerError historyLost() {
		return new MongoServerError(CHANGE_STREAM_HISTORY_LOST, "ChangeStreamHistoryLost",
				"Resume of change stream was not possible, as the resume point may no longer be in the oplog.");
	}

	/** One write, as the oplog holds it. */
	private record Entry(BsonTimestamp timestamp, String token, String operation, String namespace, Object id,
			Document document) {
	}

	/**
	 * A change stream's position in the oplog: the sequence number of the next entry to
	 * read.
	 */
	final class ChangeStreamCursor implements Cursor {

		private final long id;

		private final String namespace;

		private final boolean lookup;

		private final Aggregation aggregation;

		private long next;

		ChangeStreamCursor(long id, String namespace, boolean lookup, Aggregation aggregation, long next) {
			this.id = id;
			this.namespace = namespace;
			this.lookup = lookup;
			this.aggregation = aggregation;
			this.next = next;
		}

		@Override
		public long getId() {
			return this.id;
		}

		@Override
		public boolean isEmpty() {
			return false;
		}

		@Override
		public synchronized List<Document> takeDocuments(int numberToReturn) {
			List<Entry> pending = from(this.next);
			long[] consumed = { this.next };
			Stream<Document> events = pending.stream()
				.peek((entry) -> consumed[0]++)
				.filter((entry) -> entry.namespace().equals(this.namespace))
				.map((entry) -> changeEvent(entry, this.lookup));
			Stream<Document> output = this.aggregation.runStagesAsStream(events);
			if (numberToReturn > 0) {
				output = output.limit(numberToReturn);
			}
			List<Document> batch = output.toList();
			this.next = consumed[0];
			return batch;
		}

	}

}
