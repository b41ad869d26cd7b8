package io.shopstream.platform.mongo;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Driver options for every MongoDB connection Shopstream makes. An option written in the
 * connection string ({@code MONGODB_URI}) wins over the value here.
 */
// @formatter:off (the formatter mangles an array-valued annotation in a record header)
@ConfigurationProperties("shopstream.mongodb")
public record MongoClientProperties(
		@DefaultValue("shopstream") String applicationName,
		@DefaultValue("10") int minPoolSize,
		@DefaultValue("100") int maxPoolSize,
		@DefaultValue("60s") Duration maxIdleTime,
		@DefaultValue("5s") Duration serverSelectionTimeout,
		@DefaultValue("10s") Duration connectTimeout,
		@DefaultValue("45s") Duration socketTimeout,
		@DefaultValue("true") boolean retryWrites,
		@DefaultValue("true") boolean retryReads,
		@DefaultValue("majority") String writeConcern,
		@DefaultValue("5s") Duration writeConcernTimeout,
		@DefaultValue("majority") String readConcern,
		@DefaultValue("primaryPreferred") String readPreference,
		@DefaultValue({ "snappy", "zlib", "zstd" }) List<String> compressors,
		@DefaultValue("true") boolean stableApi) {
// @formatter:on

}
