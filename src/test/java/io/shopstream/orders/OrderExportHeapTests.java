package io.shopstream.orders;

import io.shopstream.support.EmbeddedApiTest;

/** The export's heap on the embedded back-end. */
@EmbeddedApiTest
class OrderExportHeapTests extends OrderExportHeapContract {

}
