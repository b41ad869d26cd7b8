package io.shopstream.feeds;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Watches the driver's commands: counts the {@code $changeStream} aggregates sent per
 * collection, remembers the cursor id each one got, and counts the {@code getMore}s sent
 * on those cursors, as a DBA watching the server would.
 */
@TestConfiguration(proxyBeanMethods = false)
class ChangeStreamCommands implements CommandListener {

	private final Map<String, AtomicInteger> opened = new ConcurrentHashMap<>();

	private final Map<Integer, String> pending = new ConcurrentHashMap<>();

	private final Map<String, Long> cursors = new ConcurrentHashMap<>();

	private final AtomicInteger changeStreamGetMores = new AtomicInteger();

	private final Map<String, AtomicInteger> getMoresByCollection = new ConcurrentHashMap<>();

	@Bean
	MongoClientSettingsBuilderCustomizer changeStreamCommandListener() {
		return (settings) -> settings.addCommandListener(this);
	}

	@Override
	public void commandStarted(CommandStartedEvent event) {
		BsonDocument command = event.getCommand();
		if ("aggregate".equals(event.getCommandName()) && command.isArray("pipeline")
				&& !command.getArray("pipeline").isEmpty()) {
			BsonValue first = command.getArray("pipeline").get(0);
			if (first.isDocument() && first.asDocument().containsKey("$changeStream")) {
				String collection = command.getString("aggregate").getValue();
				this.opened.computeIfAbsent(collection, (c) -> new AtomicInteger()).incrementAndGet();
				this.pending.put(event.getRequestId(), collection);
			}
		}
		else if ("getMore".equals(event.getCommandName()) && command.isInt64("getMore")
				&& this.cursors.containsValue(command.getInt64("getMore").getValue())) {
			this.changeStreamGetMores.incrementAndGet();
			this.getMoresByCollection
				.computeIfAbsent(command.getString("collection").getValue(), (c) -> new AtomicInteger())
				.incrementAndGet();
		}
	}

	@Override
	public void commandSucceeded(CommandSucceededEvent event) {
		String collection = this.pending.remove(event.getRequestId());
		if (collection != null) {
			this.cursors.put(collection, event.getResponse().getDocument("cursor").getInt64("id").getValue());
		}
	}

	int opened(String collection) {
		AtomicInteger count = this.opened.get(collection);
		return (count != null) ? count.get() : 0;
	}

	long lastCursor(String collection) {
		return this.cursors.get(collection);
	}

	/** How many getMores have been sent on change-stream cursors so far. */
	int changeStreamGetMores() {
		return this.changeStreamGetMores.get();
	}

	/**
	 * How many getMores have been sent on the change-stream cursors of this collection so
	 * far. One more than before means the stream is established on the server: every
	 * change from then on reaches it.
	 */
	int changeStreamGetMores(String collection) {
		AtomicInteger count = this.getMoresByCollection.get(collection);
		return (count != null) ? count.get() : 0;
	}

	void reset() {
		this.opened.clear();
	}

}
