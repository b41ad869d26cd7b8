package io.shopstream.platform.limits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much one instance and one client may take. Every count is per instance: with
 * several replicas, each enforces its own share.
 *
 * @param feedsPerInstance open feed connections this instance accepts; 0 derives it from
 * the maximum heap, {@code feedHeapShare} and {@code feedSubscriberHeap}
 * @param feedSubscriberHeap heap one idle feed subscriber holds, as measured by
 * {@code FeedFanOutBenchmark} (23 004 bytes)
 * @param feedHeapShare the share of the maximum heap feed connections may take
 * @param feedsPerClient open feed connections per account, or per address when anonymous;
 * 0 is no limit
 * @param requestsPerSecondPerClient sustained GET and HEAD requests per second per
 * client; 0 is no limit
 * @param requestBurst requests a client may make at once before the rate applies; 0 is
 * twice the rate
 * @param writesPerSecondPerClient sustained POST, PUT, PATCH and DELETE requests per
 * second per client; 0 is no limit
 * @param writeBurst writes a client may make at once before the rate applies; 0 is twice
 * the rate
 * @param concurrentReports analytics reports and explains running at once
 * @param concurrentExports order exports streaming at once
 * @param concurrentImports bulk product imports running at once
 * @param catchUpCursors change-stream cursors open at once for subscribers resuming from
 * an id the replay ring no longer holds; past it, a subscriber gets a resync instead
 * @param ndjsonMaxLine longest NDJSON line a bulk import reads; a longer one is refused
 * alone
 * @param retryAfter how long a refused client is told to wait before trying again
 * @param trackedClients most clients whose request buckets are kept at once; past it, the
 * least recently seen are forgotten (a bucket is forgotten anyway once it has refilled)
 */
@ConfigurationProperties("shopstream.limits")
public record LimitsProperties(@DefaultValue("0") int feedsPerInstance,
		@DefaultValue("24KB") DataSize feedSubscriberHeap, @DefaultValue("0.5") double feedHeapShare,
		@DefaultValue("0") int feedsPerClient, @DefaultValue("0") int requestsPerSecondPerClient,
		@DefaultValue("0") int requestBurst, @DefaultValue("0") int writesPerSecondPerClient,
		@DefaultValue("0") int writeBurst, @DefaultValue("4") int concurrentReports,
		@DefaultValue("2") int concurrentExports, @DefaultValue("2") int concurrentImports,
		@DefaultValue("32") int catchUpCursors, @DefaultValue("1MB") DataSize ndjsonMaxLine,
		@DefaultValue("5s") Duration retryAfter, @DefaultValue("100000") int trackedClients) {

	/**
	 * The feed connection cap in force: the configured one, or one derived from the heap.
	 */
	public int feedCapacity(long maxHeapBytes) {
		if (this.feedsPerInstance > 0) {
			return this.feedsPerInstance;
		}
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE,
				(long) (maxHeapBytes * this.feedHeapShare) / this.feedSubscriberHeap.toBytes()));
	}

}
