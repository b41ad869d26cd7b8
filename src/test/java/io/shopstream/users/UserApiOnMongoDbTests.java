package io.shopstream.users;

import io.shopstream.support.MongoDbApiTest;

/** The users contract on a real MongoDB. */
@MongoDbApiTest
class UserApiOnMongoDbTests extends UserApiContract {

}
