package io.shopstream;

import io.shopstream.support.EmbeddedApiTest;

/** Edge inputs on the embedded back-end. */
@EmbeddedApiTest
class QueryEdgesTests extends QueryEdgesContract {

}
