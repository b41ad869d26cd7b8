package io.shopstream.orders;

import io.shopstream.support.EmbeddedApiTest;

/** The orders contract on the embedded back-end. */
@EmbeddedApiTest
class OrderApiTests extends OrderApiContract {

}
