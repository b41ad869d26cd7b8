package io.shopstream.feeds;

import io.shopstream.support.MongoDbApiTest;

/** Idle change streams on a real MongoDB replica set, whose getMore awaits data. */
@MongoDbApiTest
class FeedIdleOnMongoDbTests extends FeedIdleContract {

}
