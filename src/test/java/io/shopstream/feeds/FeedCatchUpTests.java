package io.shopstream.feeds;

import io.shopstream.support.EmbeddedApiTest;

/** Catch-up from the oplog on the embedded back-end. */
@EmbeddedApiTest
class FeedCatchUpTests extends FeedCatchUpContract {

}
