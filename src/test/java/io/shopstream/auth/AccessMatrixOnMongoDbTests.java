package io.shopstream.auth;

import io.shopstream.support.MongoDbApiTest;

/** Every endpoint for every caller on a real MongoDB replica set. */
@MongoDbApiTest
class AccessMatrixOnMongoDbTests extends AccessMatrixContract {

}
