package io.shopstream.feeds;

import io.shopstream.support.MongoDbApiTest;

import org.springframework.test.context.TestPropertySource;

/** The first-frame promise on a real MongoDB replica set. */
@MongoDbApiTest
@TestPropertySource(properties = FeedFirstFrameContract.SHORT_GRACE)
class FeedFirstFrameOnMongoDbTests extends FeedFirstFrameContract {

}
