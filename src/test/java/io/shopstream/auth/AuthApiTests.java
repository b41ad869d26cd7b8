package io.shopstream.auth;

import io.shopstream.support.EmbeddedApiTest;

/** The session lifecycle on the embedded back-end. */
@EmbeddedApiTest
class AuthApiTests extends AuthApiContract {

}
