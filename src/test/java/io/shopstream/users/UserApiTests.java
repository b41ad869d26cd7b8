package io.shopstream.users;

import io.shopstream.support.EmbeddedApiTest;

/** The users contract on the embedded back-end. */
@EmbeddedApiTest
class UserApiTests extends UserApiContract {

}
