package io.shopstream.platform.mongo.embedded;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the in-process back-end used when no MongoDB URI is configured.
 *
 * @param enabled start the embedded back-end when no URI is configured
 * @param database database name the service uses on it
 * @param workerThreads Netty worker threads serving driver connections
 */
@ConfigurationProperties("shopstream.embedded")
public record EmbeddedMongoProperties(
		@DefaultValue("true") boolean enabled,
		@DefaultValue("shopstream") String database,
		@DefaultValue("4") int workerThreads) {
}
