package io.shopstream.feeds;

import io.shopstream.support.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

/**
 * Resume when the replay ring is too small to hold what a client missed: the service
 * reads the gap from a temporary resumeAfter cursor and hands over to the live stream.
 * Run on the embedded back-end by {@link FeedCatchUpTests} and on a real MongoDB by
 * {@link FeedCatchUpOnMongoDbTests}.
 */
@TestPropertySource(properties = "shopstream.feeds.replay-size=5")
abstract class FeedCatchUpContract extends FeedStreamSupport {

	@Test
	void a_client_that_drops_twenty_times_catches_up_from_the_oplog_without_gap_or_duplicate() {
		resumeAcrossDrops(Fixtures.unique("CATCH-"), 1000, 20);
	}

}
