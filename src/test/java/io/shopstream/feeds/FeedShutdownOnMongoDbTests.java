package io.shopstream.feeds;

import java.util.List;

import io.shopstream.support.MongoDbApiTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;

/**
 * Shutdown with a feed open on a real MongoDB replica set: the test context supplies the
 * server, and the service under test, a second one on the same server, is the one shut
 * down, so that stopping the database is no part of what is timed.
 */
@MongoDbApiTest
class FeedShutdownOnMongoDbTests extends FeedShutdownContract {

	@Autowired
	MongoConnectionDetails connection;

	@Override
	List<String> backEnd() {
		return List.of("--spring.mongodb.uri=" + this.connection.getConnectionString().getConnectionString());
	}

}
