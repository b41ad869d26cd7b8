package io.shopstream.auth;

import io.shopstream.support.MongoDbApiTest;

/** The session lifecycle on a real MongoDB. */
@MongoDbApiTest
class AuthApiOnMongoDbTests extends AuthApiContract {

}
