package io.shopstream.feeds;

import io.shopstream.support.EmbeddedApiTest;

/** The shared change streams under load and trouble on the embedded back-end. */
@EmbeddedApiTest
class FeedStreamTests extends FeedStreamContract {

}
