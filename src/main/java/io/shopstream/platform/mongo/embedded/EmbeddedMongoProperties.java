package io.shopstream.platform.mongo.embedded;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the in-process back-end used when no MongoDB URI is configured.
 *
 * @param enabled start the embedded back-end when no URI is configured
 * @param database database name the service uses on it
 * @param workerThreads server threads for driver connections; at least the driver's max
 * pool size, because a change-stream getMore waiting for news holds its thread
 * @param oplogMaxEntries oplog entries kept; a change stream resuming from an older point
 * gets ChangeStreamHistoryLost
 * @param port the loopback port it listens on; 0 for a free one. A fixed port lets a
 * second instance run as another replica of the same service, started with
 * {@code MONGODB_URI=mongodb://127.0.0.1:<port>/shopstream}
 */
@ConfigurationProperties("shopstream.embedded")
public record EmbeddedMongoProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("shopstream") String database, @DefaultValue("128") int workerThreads,
		@DefaultValue("50000") int oplogMaxEntries, @DefaultValue("0") int port) {
}
