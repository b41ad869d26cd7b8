package io.shopstream.feeds;

import io.shopstream.support.EmbeddedApiTest;

/** A stalled subscriber among 50 on the embedded back-end. */
@EmbeddedApiTest
class FeedSlowConsumerTests extends FeedSlowConsumerContract {

}
