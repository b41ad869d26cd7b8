package io.shopstream.auth;

import io.shopstream.support.EmbeddedApiTest;

/** Login throttling on the embedded back-end. */
@EmbeddedApiTest
class LoginThrottleTests extends LoginThrottleContract {

}
