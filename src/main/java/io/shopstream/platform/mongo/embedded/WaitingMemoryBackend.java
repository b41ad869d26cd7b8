package io.shopstream.platform.mongo.embedded;

import java.util.List;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * The in-memory back-end with change streams that wait like MongoDB's. Out of the box, a
 * change-stream {@code getMore} with nothing new answers at once, so the driver asks again at
 * once and one open stream keeps a core busy. Here such a {@code getMore} waits for the next
 * oplog write, at most the command's {@code maxTimeMS}, as a real server does. Each waiting
 * cursor holds one of the server's worker threads, so the server runs at least as many workers
 * as the driver opens connections.
 */
class WaitingMemoryBackend extends MemoryBackend {

	/** How long a change-stream getMore waits when the command does not say. */
	private static final long DEFAULT_AWAIT_MILLIS = 1000;

	private final OplogSignal signal = new OplogSignal();

	private final int maxOplogEntries;

	WaitingMemoryBackend(int maxOplogEntries) {
		this.maxOplogEntries = maxOplogEntries;
	}

	@Override
	protected Oplog createOplog() {
		Oplog oplog = super.createOplog();
		@SuppressWarnings("unchecked")
		MongoCollection<Document> entries = (MongoCollection<Document>) resolveDatabase("local")
			.resolveCollection("oplog.rs", true);
		return new TrimmedSignallingOplog(oplog, entries, this.signal, this.maxOplogEntries);
	}

	@Override
	protected Document handleGetMore(String databaseName, String command, Document query) {
		long cursorId = ((Number) query.get(command)).longValue();
		Cursor cursor = getCursorRegistry().getCursor(cursorId);
		if (!isChangeStream(cursor)) {
			return super.handleGetMore(databaseName, command, query);
		}
		long awaitMillis = query.get("maxTimeMS") instanceof Number max ? max.longValue() : DEFAULT_AWAIT_MILLIS;
		long deadline = System.nanoTime() + awaitMillis * 1_000_000;
		while (true) {
			long seen = this.signal.version();
			Document answer = super.handleGetMore(databaseName, command, query);
			long left = (deadline - System.nanoTime()) / 1_000_000;
			if (!isEmptyBatch(answer) || left <= 0) {
				return answer;
			}
			try {
				this.signal.awaitChange(seen, left);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return answer;
			}
		}
	}

	private static boolean isChangeStream(Cursor cursor) {
		return cursor != null && cursor.getClass().getSimpleName().equals("OplogCursor");
	}

	private static boolean isEmptyBatch(Document answer) {
		Object cursor = answer.get("cursor");
		return cursor instanceof Document document && document.get("nextBatch") instanceof List<?> batch
				&& batch.isEmpty();
	}

}
