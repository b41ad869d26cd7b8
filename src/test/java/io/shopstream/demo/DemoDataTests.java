package io.shopstream.demo;

import io.shopstream.support.EmbeddedApiTest;

/** The demo data set on the embedded back-end. */
@EmbeddedApiTest
class DemoDataTests extends DemoDataContract {

}
