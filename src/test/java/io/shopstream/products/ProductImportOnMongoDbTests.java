package io.shopstream.products;

import io.shopstream.support.MongoDbApiTest;

/** Bulk import on a real MongoDB. */
@MongoDbApiTest
class ProductImportOnMongoDbTests extends ProductImportContract {

}
