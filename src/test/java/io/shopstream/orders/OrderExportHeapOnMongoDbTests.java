package io.shopstream.orders;

import io.shopstream.support.MongoDbApiTest;

/** The export's heap on a real MongoDB replica set, read in cursor batches. */
@MongoDbApiTest
class OrderExportHeapOnMongoDbTests extends OrderExportHeapContract {

}
