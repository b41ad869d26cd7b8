package io.shopstream.feeds;

import io.shopstream.support.EmbeddedApiTest;

import org.springframework.test.context.TestPropertySource;

/** The first-frame promise on the embedded back-end. */
@EmbeddedApiTest
@TestPropertySource(properties = FeedFirstFrameContract.SHORT_GRACE)
class FeedFirstFrameTests extends FeedFirstFrameContract {

}
