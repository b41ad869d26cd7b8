package io.shopstream.feeds;

import org.bson.BsonTimestamp;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where a feed's changes come from. The shared stream and each catch-up cursor open
 * theirs through it, so the stream logic can be driven by a fake in tests, without a
 * database.
 */
interface ChangeSource {

	/**
	 * The feed's changes, decoded, from where {@code start} says. Each subscription opens
	 * a cursor of its own.
	 */
	Flux<FeedEvent> watch(StreamStart start);

	/**
	 * The cluster's time now: a change stream that starts after it sees every write made
	 * from now on, whenever its cursor actually opens.
	 */
	Mono<BsonTimestamp> clusterTime();

	/**
	 * Where a change stream starts: right after a resume token ({@code resumeAfter}), or
	 * after a cluster time ({@code startAtOperationTime}, leaving out what happened at
	 * that very time, which was written before it was read).
	 *
	 * @param resumeAfter a resume token's {@code _data}, or null
	 * @param afterTime a cluster time, or null
	 */
	record StreamStart(String resumeAfter, BsonTimestamp afterTime) {

		static StreamStart afterToken(String token) {
			return new StreamStart(token, null);
		}

		static StreamStart afterTime(BsonTimestamp time) {
			return new StreamStart(null, time);
		}

	}

}
