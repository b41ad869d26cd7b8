package io.shopstream.feeds;

import io.shopstream.support.MongoDbApiTest;

/** A stalled subscriber among 50 on a real MongoDB replica set. */
@MongoDbApiTest
class FeedSlowConsumerOnMongoDbTests extends FeedSlowConsumerContract {

}
