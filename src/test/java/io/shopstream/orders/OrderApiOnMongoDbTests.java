package io.shopstream.orders;

import io.shopstream.support.MongoDbApiTest;

/**
 * The orders contract on a real MongoDB replica set, where placement runs in
 * transactions.
 */
@MongoDbApiTest
class OrderApiOnMongoDbTests extends OrderApiContract {

}
