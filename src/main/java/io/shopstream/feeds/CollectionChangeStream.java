package io.shopstream.feeds;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.reactivestreams.client.ChangeStreamPublisher;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A feed's changes read from its collection's change stream: with the feed's own stages,
 * the current document on updates ({@code updateLookup}), and each {@code getMore}
 * waiting on the server for up to {@code maxAwait} instead of returning at once. The
 * cluster's time is the {@code operationTime} a replica set member puts in every reply,
 * here of a {@code ping}: for a command that writes nothing it is "the timestamp of the
 * most recent entry in the oplog" (the manual's {@code db.runCommand()}, "Response"), so
 * every write made after it comes later.
 */
final class CollectionChangeStream implements ChangeSource {

	private final Feed feed;

	private final Mono<MongoDatabase> database;

	private final FeedEventDecoder decoder;

	private final Duration maxAwait;

	CollectionChangeStream(Feed feed, Mono<MongoDatabase> database, FeedEventDecoder decoder, Duration maxAwait) {
		this.feed = feed;
		this.database = database;
		this.decoder = decoder;
		this.maxAwait = maxAwait;
	}

	@Override
	public Flux<FeedEvent> watch(StreamStart start) {
		return this.database.flatMapMany((database) -> {
			ChangeStreamPublisher<Document> changes = database.getCollection(this.feed.collection())
				.watch(this.feed.pipeline())
				.fullDocument(FullDocument.UPDATE_LOOKUP)
				.maxAwaitTime(this.maxAwait.toMillis(), TimeUnit.MILLISECONDS);
			if (start.resumeAfter() != null) {
				changes = changes.resumeAfter(new BsonDocument("_data", new BsonString(start.resumeAfter())));
			}
			else if (start.afterTime() != null) {
				changes = changes.startAtOperationTime(start.afterTime());
			}
			return changes;
		})
			.filter((change) -> start.afterTime() == null || change.getClusterTime() == null
					|| change.getClusterTime().compareTo(start.afterTime()) > 0)
			.map((change) -> this.decoder.decode(this.feed, change));
	}

	@Override
	public Mono<BsonTimestamp> clusterTime() {
		return this.database.flatMap((database) -> Mono.from(database.runCommand(new Document("ping", 1))))
			.flatMap((reply) -> Mono.justOrEmpty(reply.get("operationTime", BsonTimestamp.class)))
			.switchIfEmpty(Mono.error(() -> new IllegalStateException(
					"The MongoDB server put no operationTime in its reply; change streams need a replica set")));
	}

}
