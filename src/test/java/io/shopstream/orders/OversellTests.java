package io.shopstream.orders;

import io.shopstream.support.EmbeddedApiTest;

/** No oversell on the embedded back-end (compensating releases, no transactions). */
@EmbeddedApiTest
class OversellTests extends OversellContract {

}
