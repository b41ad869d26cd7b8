package io.shopstream.platform.mongo;

import io.shopstream.support.MongoDbApiTest;

/** The Stable API rules on a real MongoDB replica set. */
@MongoDbApiTest
class StableApiOnMongoDbTests extends StableApiContract {

}
