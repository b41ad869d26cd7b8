package io.shopstream.feeds;

import io.shopstream.support.EmbeddedApiTest;

/**
 * Idle change streams on the embedded back-end, whose getMore waits for the next write.
 */
@EmbeddedApiTest
class FeedIdleTests extends FeedIdleContract {

}
