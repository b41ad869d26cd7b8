package io.shopstream.auth;

import io.shopstream.support.MongoDbApiTest;

/** Login throttling on a real MongoDB replica set. */
@MongoDbApiTest
class LoginThrottleOnMongoDbTests extends LoginThrottleContract {

}
