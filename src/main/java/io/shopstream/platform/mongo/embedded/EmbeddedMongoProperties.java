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
 */
@ConfigurationProperties("shopstream.embedded")
public record EmbeddedMongoProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("shopstream") String database, @DefaultValue("128") int workerThreads,
		@DefaultValue("50000") int oplogMaxEntries) {
}
