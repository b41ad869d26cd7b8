package io.shopstream.auth;

import io.shopstream.support.MongoDbApiTest;

/** Trailing slashes on a real MongoDB replica set. */
@MongoDbApiTest
class TrailingSlashOnMongoDbTests extends TrailingSlashContract {

}
