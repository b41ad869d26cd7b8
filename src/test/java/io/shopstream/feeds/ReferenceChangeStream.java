package io.shopstream.feeds;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import org.bson.Document;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;

import static org.awaitility.Awaitility.await;

/**
 * The changes of one collection that a test cares about, read by a change stream of the
 * test's own in the order the database gives them: the truth a feed subscriber is held
 * to. Its ids are the resume tokens a feed sends as SSE ids; they are opaque, so they are
 * compared, never sorted. The client is not the service's: the service's command watcher
 * never counts this stream, and a cursor killed under the service is never this one.
 */
final class ReferenceChangeStream implements CommandListener, AutoCloseable {

	private final AtomicBoolean open = new AtomicBoolean();

	private final List<String> ids = new CopyOnWriteArrayList<>();

	private final MongoClient client;

	private final Disposable changes;

	/**
	 * Opens the stream and returns once the server has it, so that every later change is
	 * in it.
	 */
	ReferenceChangeStream(MongoConnectionDetails connection, String database, String collection,
			Predicate<Document> wanted) {
		this.client = MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(connection.getConnectionString())
			.addCommandListener(this)
			.build());
		this.changes = Flux
			.from(this.client.getDatabase(database)
				.getCollection(collection)
				.watch()
				.fullDocument(FullDocument.UPDATE_LOOKUP)
				.maxAwaitTime(1, TimeUnit.SECONDS))
			.filter((change) -> change.getFullDocument() != null && wanted.test(change.getFullDocument()))
			.subscribe((change) -> this.ids.add(change.getResumeToken().getString("_data").getValue()));
		await().atMost(Duration.ofSeconds(10)).untilTrue(this.open);
	}

	@Override
	public void commandSucceeded(CommandSucceededEvent event) {
		if ("aggregate".equals(event.getCommandName())) {
			this.open.set(true);
		}
	}

	/**
	 * Waits until the stream has read {@code count} changes, and returns the ids it has
	 * read, in its order.
	 */
	List<String> ids(int count, Duration timeout) {
		await().atMost(timeout).until(() -> this.ids.size() >= count);
		return List.copyOf(this.ids);
	}

	@Override
	public void close() {
		this.changes.dispose();
		this.client.close();
	}

}
