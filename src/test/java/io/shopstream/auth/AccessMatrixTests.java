package io.shopstream.auth;

import io.shopstream.support.EmbeddedApiTest;

/** Every endpoint for every caller on the embedded back-end. */
@EmbeddedApiTest
class AccessMatrixTests extends AccessMatrixContract {

}
