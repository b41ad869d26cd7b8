package io.shopstream.feeds;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.reactivestreams.client.ChangeStreamPublisher;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A feed's changes read from its collection's change stream: with the feed's own stages,
 * the current document on updates ({@code updateLookup}), and each {@code getMore}
 * waiting on the server for up to {@code maxAwait} instead of returning at once.
 */
final class CollectionChangeStream implements ChangeSource {

	private final Feed feed;

	private final Mono<MongoCollection<Document>> collection;

	private final FeedEventDecoder decoder;

	private final Duration maxAwait;

	CollectionChangeStream(Feed feed, Mono<MongoCollection<Document>> collection, FeedEventDecoder decoder,
			Duration maxAwait) {
		this.feed = feed;
		this.collection = collection;
		this.decoder = decoder;
		this.maxAwait = maxAwait;
	}

	@Override
	public Flux<FeedEvent> watch(String resumeAfter) {
		return this.collection.flatMapMany((collection) -> {
			ChangeStreamPublisher<Document> changes = collection.watch(this.feed.pipeline())
				.fullDocument(FullDocument.UPDATE_LOOKUP)
				.maxAwaitTime(this.maxAwait.toMillis(), TimeUnit.MILLISECONDS);
			if (resumeAfter != null) {
				changes = changes.resumeAfter(new BsonDocument("_data", new BsonString(resumeAfter)));
			}
			return changes;
		}).map((change) -> this.decoder.decode(this.feed, change));
	}

}
