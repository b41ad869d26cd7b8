package io.shopstream.platform.mongo.embedded;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * The in-memory back-end with change streams that wait like MongoDB's. Out of the box, a
 * change-stream {@code getMore} with nothing new answers at once, so the driver asks
 * again at once and one open stream keeps a core busy; and each answer scans the whole
 * oplog. Here such a {@code getMore} waits for the next oplog write, at most the
 * command's {@code maxTimeMS}, as a real server does, and does not scan again until
 * something was written. Each waiting cursor holds one of the server's worker threads, so
 * the server runs at least as many workers as the driver opens connections.
 */
class WaitingMemoryBackend extends MemoryBackend {

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
	protected Oplog createOplog() {
		return new IndexedOplog(this, getCursorRegistry(), this.signal, this.maxOplogEntries);
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
