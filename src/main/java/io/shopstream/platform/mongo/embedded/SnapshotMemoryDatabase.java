package io.shopstream.platform.mongo.embedded;

import java.util.List;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * An in-memory database whose answers are copies of its documents taken while the
 * collection is locked, as a real server's replies are a snapshot of what it read.
 * <p>
 * Out of the box, mongo-java-server's in-memory collection answers a query without a
 * projection, and a {@code findAndModify} with {@code new: true}, with the very document
 * objects it stores: the reply is encoded after the collection's lock is released, so a
 * concurrent update on another connection can change the document in between. Two
 * {@code $inc}s of one counter then both answered with the second value (orders placed on
 * three replicas at once got the same order number), and a reader could see half an
 * update, or fail encoding a document being changed under it.
 */
class SnapshotMemoryDatabase extends MemoryDatabase {

	SnapshotMemoryDatabase(String databaseName, CursorRegistry cursorRegistry) {
		super(databaseName, cursorRegistry);
	}

	@Override
	protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
		return new SnapshotCollection(this, collectionName, options, this.cursorRegistry);
	}

	/**
	 * A collection that answers with copies made under its own lock. Its own writes query
	 * for the stored documents they then change, so their matches stay the documents
	 * themselves.
	 */
	static final class SnapshotCollection extends MemoryCollection {

		/** Whether one of this collection's writes is running; guarded by its lock. */
		private boolean writing;

		SnapshotCollection(MemoryDatabase database, String collectionName, CollectionOptions options,
				CursorRegistry cursorRegistry) {
			super(database, collectionName, options, cursorRegistry);
		}

		/**
		 * Every query's matches: the first batch and those a cursor keeps for later
		 * getMores. Always called with the collection's lock held.
		 */
		@Override
		protected QueryResult createQueryResult(List<Document> matchedDocuments, int batchSize) {
			return super.createQueryResult(
					this.writing ? matchedDocuments : matchedDocuments.stream().map(Document::cloneDeeply).toList(),
					batchSize);
		}

		@Override
		public synchronized Document findAndModify(Document query) {
			Document answer = writing(() -> super.findAndModify(query));
			if (answer.get("value") instanceof Document value) {
				answer.put("value", value.cloneDeeply());
			}
			return answer;
		}

		@Override
		public synchronized Document updateDocuments(Document selector, Document updateQuery, ArrayFilters arrayFilters,
				boolean isMulti, boolean isUpsert, Oplog oplog) {
			return writing(() -> super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog));
		}

		@Override
		public synchronized int deleteDocuments(Document selector, int limit, Oplog oplog) {
			return writing(() -> super.deleteDocuments(selector, limit, oplog));
		}

		private synchronized <T> T writing(Supplier<T> write) {
			boolean outer = this.writing;
			this.writing = true;
			try {
				return write.get();
			}
			finally {
				this.writing = outer;
			}
		}

	}

}
