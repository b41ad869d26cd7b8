package io.shopstream.feeds;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopstream.platform.limits.Admission;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * The shared change streams, one per collection, and the one heartbeat tick that keeps
 * every idle connection open. Stops before the web server's graceful shutdown starts
 * waiting, ending every feed cleanly so EventSource clients reconnect to another
 * instance; starts again if the context is restarted.
 */
@Component
class ChangeFeedHub implements SmartLifecycle {

	private final Map<Feed, SharedStream> streams = new EnumMap<>(Feed.class);

	private final FeedProperties properties;

	private Disposable heartbeat;

	private volatile boolean running;

	ChangeFeedHub(ReactiveMongoDatabaseFactory databases, FeedEventDecoder decoder, FeedProperties properties,
			MeterRegistry registry, Admission admission, Clock clock) {
		this.properties = properties;
		FeedMetrics metrics = new FeedMetrics(registry, clock);
		for (Feed feed : Feed.values()) {
			ChangeSource changes = new CollectionChangeStream(feed, databases.getMongoDatabase(), decoder,
					properties.maxAwait());
			SharedStream stream = new SharedStream(feed, changes, properties, metrics, admission, clock,
					Schedulers.parallel());
			this.streams.put(feed, stream);
			FeedMetrics.gauges(registry, feed, stream, SharedStream::subscriberCount, (s) -> s.isOpen() ? 1 : 0);
		}
	}

	void subscribe(Feed feed, FeedSubscriber subscriber, String lastEventId) {
		this.streams.get(feed).subscribe(subscriber, lastEventId);
	}

	void unsubscribe(Feed feed, FeedSubscriber subscriber) {
		this.streams.get(feed).unsubscribe(subscriber);
	}

	Map<Feed, SharedStream> streams() {
		return this.streams;
	}

	@Override
	public void start() {
		this.streams.values().forEach(SharedStream::start);
		this.heartbeat = Flux.interval(this.properties.heartbeat(), this.properties.heartbeat())
			.subscribe((tick) -> this.streams.values().forEach(SharedStream::heartbeat));
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.heartbeat != null) {
			this.heartbeat.dispose();
		}
		this.streams.values().forEach(SharedStream::stop);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
