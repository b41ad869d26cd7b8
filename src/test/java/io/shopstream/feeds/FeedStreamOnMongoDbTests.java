package io.shopstream.feeds;

import io.shopstream.support.MongoDbApiTest;

/** The shared change streams under load and trouble on a real MongoDB replica set. */
@MongoDbApiTest
class FeedStreamOnMongoDbTests extends FeedStreamContract {

}
