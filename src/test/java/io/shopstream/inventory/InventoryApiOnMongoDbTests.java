package io.shopstream.inventory;

import io.shopstream.support.MongoDbApiTest;

/** The inventory contract on a real MongoDB. */
@MongoDbApiTest
class InventoryApiOnMongoDbTests extends InventoryApiContract {

}
