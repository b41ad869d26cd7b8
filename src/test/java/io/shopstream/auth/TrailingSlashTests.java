package io.shopstream.auth;

import io.shopstream.support.EmbeddedApiTest;

/** Trailing slashes on the embedded back-end. */
@EmbeddedApiTest
class TrailingSlashTests extends TrailingSlashContract {

}
