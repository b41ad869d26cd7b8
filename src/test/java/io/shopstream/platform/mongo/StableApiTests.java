package io.shopstream.platform.mongo;

import io.shopstream.support.EmbeddedApiTest;

/**
 * The Stable API rules on the embedded back-end, which enforces them as MongoDB 7.0 does.
 */
@EmbeddedApiTest
class StableApiTests extends StableApiContract {

}
