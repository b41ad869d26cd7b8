package io.shopstream.feeds;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Live feed settings.
 *
 * @param heartbeat interval of the comment line that keeps idle connections open
 * @param replaySize events kept per collection for resuming subscribers
 * @param queueSize events a subscriber may have waiting before it is disconnected as too
 * slow
 * @param gracePeriod how long a change stream stays open after its last subscriber leaves
 * @param maxBackoff longest wait between attempts to reopen a failed change stream
 * @param maxAwait how long each change-stream getMore waits on the server for news
 * @param stalledAfter a change stream failing for this long makes the service not ready
 * @param retry the reconnection delay sent to EventSource clients
 * @param socketSendBuffer kernel send buffer of a feed connection; small, so that a
 * client that stops reading fills its queue and is cut off, instead of parking megabytes
 * in the kernel
 */
@ConfigurationProperties("shopstream.feeds")
record FeedProperties(@DefaultValue("15s") Duration heartbeat, @DefaultValue("10000") int replaySize,
		@DefaultValue("1024") int queueSize, @DefaultValue("10s") Duration gracePeriod,
		@DefaultValue("30s") Duration maxBackoff, @DefaultValue("1s") Duration maxAwait,
		@DefaultValue("60s") Duration stalledAfter, @DefaultValue("3s") Duration retry,
		@DefaultValue("64KB") DataSize socketSendBuffer) {
}
