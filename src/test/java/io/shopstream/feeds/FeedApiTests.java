package io.shopstream.feeds;

import io.shopstream.support.EmbeddedApiTest;

/** The live-feed contract on the embedded back-end. */
@EmbeddedApiTest
class FeedApiTests extends FeedApiContract {

}
