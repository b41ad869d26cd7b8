package io.shopstream.orders;

import io.shopstream.support.MongoDbApiTest;

/**
 * No oversell on a real MongoDB replica set (placement in transactions, retried on write
 * conflicts).
 */
@MongoDbApiTest
class OversellOnMongoDbTests extends OversellContract {

}
