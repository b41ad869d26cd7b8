package io.shopstream.platform.mongo.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.InMemoryCursor;
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
 * update, or fail encoding a document being changed under it. (mongo-java-server 1.47's
 * {@code AbstractMongoCollection}: {@code findAndModify} returns the document it updated,
 * and {@code matchDocumentsFromStream} copies a match only to project it;
 * https://github.com/bwaldvogel/mongo-java-server/blob/master/core/src/main/java/de/bwaldvogel/mongo/backend/AbstractMongoCollection.java)
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
		 * A query's first batch, copied now (always called with the collection's lock
		 * held); the rest go to a cursor that copies each later batch under the lock.
		 */
		@Override
		protected QueryResult createQueryResult(List<Document> matchedDocuments, int batchSize) {
			if (this.writing) {
				return super.createQueryResult(matchedDocuments, batchSize);
			}
			int first = (batchSize > 0) ? Math.min(batchSize, matchedDocuments.size()) : matchedDocuments.size();
			List<Document> answer = new ArrayList<>(matchedDocuments.size());
			matchedDocuments.subList(0, first).forEach((document) -> answer.add(document.cloneDeeply()));
			answer.addAll(matchedDocuments.subList(first, matchedDocuments.size()));
			return super.createQueryResult(answer, batchSize);
		}

		@Override
		protected Cursor createCursor(List<Document> remainingDocuments) {
			Cursor cursor = new SnapshotCursor(this.cursorRegistry.generateCursorId(), remainingDocuments, this);
			this.cursorRegistry.add(cursor);
			return cursor;
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

	/**
	 * The matches a query has not answered yet: each getMore's batch is copied under the
	 * collection's lock when it is taken, so a cursor holds references, not copies, and a
	 * long export costs one batch of copies at a time. Like a real cursor's later
	 * batches, they show the documents as they are when the batch is read.
	 */
	static final class SnapshotCursor extends InMemoryCursor {

		private final Object lock;

		SnapshotCursor(long cursorId, List<Document> remainingDocuments, Object lock) {
			super(cursorId, remainingDocuments);
			this.lock = lock;
		}

		@Override
		public List<Document> takeDocuments(int numberToReturn) {
			synchronized (this.lock) {
				return super.takeDocuments(numberToReturn).stream().map(Document::cloneDeeply).toList();
			}
		}

	}

}
