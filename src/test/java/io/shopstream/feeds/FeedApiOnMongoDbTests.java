package io.shopstream.feeds;

import io.shopstream.support.MongoDbApiTest;

/**
 * The live-feed contract on a real MongoDB replica set, whose change streams are the real
 * thing.
 */
@MongoDbApiTest
class FeedApiOnMongoDbTests extends FeedApiContract {

}
