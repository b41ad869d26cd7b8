package io.shopstream;

import io.shopstream.support.MongoDbApiTest;

/** Edge inputs on a real MongoDB. */
@MongoDbApiTest
class QueryEdgesOnMongoDbTests extends QueryEdgesContract {

}
