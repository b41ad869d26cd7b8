package io.shopstream.platform.mongo.embedded;

import java.util.Comparator;
import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.oplog.OplogPosition;

/**
 * Wraps the embedded back-end's oplog: signals every write to waiting change-stream cursors,
 * keeps only the newest entries, and answers a resume from a point it no longer holds with
 * {@code ChangeStreamHistoryLost} (code 286), as MongoDB does, instead of silently skipping the
 * gap.
 */
final class TrimmedSignallingOplog implements Oplog {

	/** MongoDB's code for a resume point that has fallen off the oplog. */
	static final int CHANGE_STREAM_HISTORY_LOST = 286;

	private final Oplog delegate;

	private final MongoCollection<Document> entries;

	private final OplogSignal signal;

	private final int maxEntries;

	TrimmedSignallingOplog(Oplog delegate, MongoCollection<Document> entries, OplogSignal signal, int maxEntries) {
		this.delegate = delegate;
		this.entries = entries;
		this.signal = signal;
		this.maxEntries = maxEntries;
	}

	@Override
	public void handleInsert(String namespace, List<Document> documents) {
		this.delegate.handleInsert(namespace, documents);
		written();
	}

	@Override
	public void handleUpdate(String namespace, Document selector, Document query, List<Object> modifiedIds) {
		this.delegate.handleUpdate(namespace, selector, query, modifiedIds);
		written();
	}

	@Override
	public void handleDelete(String namespace, Document query, List<Object> deletedIds) {
		this.delegate.handleDelete(namespace, query, deletedIds);
		written();
	}

	@Override
	public void handleDropCollection(String namespace) {
		this.delegate.handleDropCollection(namespace);
		written();
	}

	@Override
	public Cursor createCursor(Document changeStream, String namespace, Aggregation aggregation) {
		Document resumePoint = (Document) changeStream.getOrDefault("resumeAfter", changeStream.get("startAfter"));
		if (resumePoint != null && !holds(OplogPosition.fromDocument(resumePoint))) {
			throw new MongoServerError(CHANGE_STREAM_HISTORY_LOST, "ChangeStreamHistoryLost",
					"Resume of change stream was not possible, as the resume point may no longer be in the oplog.");
		}
		return this.delegate.createCursor(changeStream, namespace, aggregation);
	}

	/** The entry at this position is still in the oplog. */
	private boolean holds(OplogPosition position) {
		synchronized (this.entries) {
			return this.entries.queryAllAsStream()
				.anyMatch((entry) -> new OplogPosition((BsonTimestamp) entry.get("ts")).toHexString()
					.equals(position.toHexString()));
		}
	}

	/** Signals the write; trims the oldest entries once there are a tenth more than the limit. */
	private void written() {
		synchronized (this.entries) {
			int count = this.entries.count();
			if (count > this.maxEntries + this.maxEntries / 10) {
				this.entries.queryAllAsStream()
					.sorted(Comparator.comparing((Document entry) -> (BsonTimestamp) entry.get("ts")))
					.limit(count - this.maxEntries)
					.toList()
					.forEach(this.entries::removeDocument);
			}
		}
		this.signal.advance();
	}

}
