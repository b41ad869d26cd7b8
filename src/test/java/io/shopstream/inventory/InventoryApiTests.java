package io.shopstream.inventory;

import io.shopstream.support.EmbeddedApiTest;

/** The inventory contract on the embedded back-end. */
@EmbeddedApiTest
class InventoryApiTests extends InventoryApiContract {

}
