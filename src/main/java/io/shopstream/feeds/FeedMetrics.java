package io.shopstream.feeds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Per feed: subscribers, open change streams, events delivered, disconnects of slow
 * subscribers, resyncs, stream restarts, and lag (now − the change's cluster time).
 */
final class FeedMetrics {

	private final Map<Feed, Counter> delivered = new EnumMap<>(Feed.class);

	private final Map<Feed, Counter> slowDisconnects = new EnumMap<>(Feed.class);

	private final Map<Feed, Counter> resyncs = new EnumMap<>(Feed.class);

	private final Map<Feed, Counter> restarts = new EnumMap<>(Feed.class);

	private final Map<Feed, Timer> lag = new EnumMap<>(Feed.class);

	private final Clock clock;

	FeedMetrics(MeterRegistry registry, Clock clock) {
		this.clock = clock;
		for (Feed feed : Feed.values()) {
			this.delivered.put(feed,
					Counter.builder("shopstream.feeds.events.delivered")
						.tag("feed", feed.name())
						.description("Events written to subscribers' queues")
						.register(registry));
			this.slowDisconnects.put(feed,
					Counter.builder("shopstream.feeds.disconnects.slow")
						.tag("feed", feed.name())
						.description("Subscribers cut off because their queue was full")
						.register(registry));
			this.resyncs.put(feed,
					Counter.builder("shopstream.feeds.resyncs")
						.tag("feed", feed.name())
						.description("resync events sent because history was lost")
						.register(registry));
			this.restarts.put(feed,
					Counter.builder("shopstream.feeds.stream.restarts")
						.tag("feed", feed.name())
						.description("Times the shared change stream was reopened after a failure")
						.register(registry));
			this.lag.put(feed,
					Timer.builder("shopstream.feeds.lag")
						.tag("feed", feed.name())
						.description("Time from a change's commit to its dispatch")
						.register(registry));
		}
	}

	static <T> void gauges(MeterRegistry registry, Feed feed, T stream, ToDoubleFunction<T> subscribers,
			ToDoubleFunction<T> open) {
		Gauge.builder("shopstream.feeds.subscribers", stream, subscribers)
			.tag("feed", feed.name())
			.description("Open SSE connections")
			.register(registry);
		Gauge.builder("shopstream.feeds.change_streams", stream, open)
			.tag("collection", feed.collection())
			.description("Change streams open on the server for this collection")
			.register(registry);
	}

	void delivered(Feed feed, int count) {
		this.delivered.get(feed).increment(count);
	}

	void slowDisconnect(Feed feed) {
		this.slowDisconnects.get(feed).increment();
	}

	void resync(Feed feed) {
		this.resyncs.get(feed).increment();
	}

	void restart(Feed feed) {
		this.restarts.get(feed).increment();
	}

	void lag(Feed feed, Instant clusterTime) {
		Duration behind = Duration.between(clusterTime, this.clock.instant());
		this.lag.get(feed).record(behind.isNegative() ? Duration.ZERO : behind);
	}

}
