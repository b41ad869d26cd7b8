package io.shopstream.feeds;

import reactor.core.publisher.Flux;

/**
 * Where a feed's changes come from. The shared stream and each catch-up cursor open
 * theirs through it, so the stream logic can be driven by a fake in tests, without a
 * database.
 */
interface ChangeSource {

	/**
	 * The feed's changes, decoded, from now on; or right after {@code resumeAfter} (a
	 * resume token's {@code _data}) when it is not null. Each subscription opens a cursor
	 * of its own.
	 */
	Flux<FeedEvent> watch(String resumeAfter);

}
