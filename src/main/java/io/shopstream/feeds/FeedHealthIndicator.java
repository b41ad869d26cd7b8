package io.shopstream.feeds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The {@code feeds} health contributor, part of readiness: DOWN while a change stream
 * with subscribers has been failing for longer than
 * {@code shopstream.feeds.stalled-after}.
 */
@Component("feeds")
class FeedHealthIndicator extends AbstractReactiveHealthIndicator {

	private final ChangeFeedHub hub;

	private final FeedProperties properties;

	private final Clock clock;

	FeedHealthIndicator(ChangeFeedHub hub, FeedProperties properties, Clock clock) {
		super((ex) -> "feed health check failed");
		this.hub = hub;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		Map<String, Object> details = new LinkedHashMap<>();
		boolean stalled = false;
		Instant now = this.clock.instant();
		for (Map.Entry<Feed, SharedStream> entry : this.hub.streams().entrySet()) {
			SharedStream stream = entry.getValue();
			Instant failingSince = stream.failingSince();
			boolean isStalled = failingSince != null
					&& Duration.between(failingSince, now).compareTo(this.properties.stalledAfter()) > 0;
			stalled |= isStalled;
			details.put(entry.getKey().name(), Map.of("state", isStalled ? "STALLED" : stream.state().name(),
					"subscribers", stream.subscriberCount()));
		}
		return Mono.just((stalled ? builder.down() : builder.up()).withDetails(details).build());
	}

}
