package io.shopstream.demo;

import io.shopstream.support.MongoDbApiTest;

/** The demo data set on a real MongoDB replica set. */
@MongoDbApiTest
class DemoDataOnMongoDbTests extends DemoDataContract {

}
