package io.shopstream.feeds;

import io.shopstream.support.MongoDbApiTest;

/** Catch-up from the oplog of a real MongoDB replica set, through resumeAfter cursors. */
@MongoDbApiTest
class FeedCatchUpOnMongoDbTests extends FeedCatchUpContract {

}
