package io.shopstream.products;

import io.shopstream.support.EmbeddedApiTest;

/** Bulk import on the embedded back-end. */
@EmbeddedApiTest
class ProductImportTests extends ProductImportContract {

}
