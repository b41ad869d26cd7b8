package io.shopstream.platform.mongo;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.github.luben.zstd.util.Native;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCompressor;
import com.mongodb.ReadConcern;
import com.mongodb.ReadConcernLevel;
import com.mongodb.ReadPreference;
import com.mongodb.ServerApi;
import com.mongodb.ServerApiVersion;
import com.mongodb.WriteConcern;
import io.shopstream.platform.mongo.embedded.EmbeddedMongoServer;
import org.xerial.snappy.Snappy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Applies {@link MongoClientProperties} to the driver. Runs after Boot has applied the
 * connection string, and leaves alone every option the connection string already sets.
 */
@Configuration(proxyBeanMethods = false)
class MongoClientConfiguration {

	@Bean
	MongoClientSettingsBuilderCustomizer shopstreamMongoClientSettings(MongoClientProperties properties,
			MongoConnectionDetails connection, ObjectProvider<EmbeddedMongoServer> embedded) {
		boolean stableApi = properties.stableApi() && embedded.getIfAvailable() == null;
		loadNativeCompressors();
		return new ShopstreamSettings(properties, connection.getConnectionString(), stableApi);
	}

	/**
	 * snappy and zstd load their native libraries on first use, reading the jar and
	 * writing a temporary file; done here, at start-up, that never happens on a driver or
	 * event-loop thread.
	 */
	private static void loadNativeCompressors() {
		Native.load();
		try {
			Snappy.maxCompressedLength(1);
		}
		catch (Throwable ex) {
			throw new IllegalStateException("The snappy compression library did not load", ex);
		}
	}

	private record ShopstreamSettings(MongoClientProperties properties, ConnectionString uri,
			boolean stableApi) implements MongoClientSettingsBuilderCustomizer, Ordered {

		@Override
		public void customize(MongoClientSettings.Builder settings) {
			if (this.uri.getApplicationName() == null) {
				settings.applicationName(this.properties.applicationName());
			}
			settings.applyToConnectionPoolSettings((pool) -> {
				if (this.uri.getMinConnectionPoolSize() == null) {
					pool.minSize(this.properties.minPoolSize());
				}
				if (this.uri.getMaxConnectionPoolSize() == null) {
					pool.maxSize(this.properties.maxPoolSize());
				}
				if (this.uri.getMaxConnectionIdleTime() == null) {
					pool.maxConnectionIdleTime(this.properties.maxIdleTime().toMillis(), TimeUnit.MILLISECONDS);
				}
			});
			settings.applyToClusterSettings((cluster) -> {
				if (this.uri.getServerSelectionTimeout() == null) {
					cluster.serverSelectionTimeout(this.properties.serverSelectionTimeout().toMillis(),
							TimeUnit.MILLISECONDS);
				}
			});
			settings.applyToSocketSettings((socket) -> {
				if (this.uri.getConnectTimeout() == null) {
					socket.connectTimeout((int) this.properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
				}
				if (this.uri.getSocketTimeout() == null) {
					socket.readTimeout((int) this.properties.socketTimeout().toMillis(), TimeUnit.MILLISECONDS);
				}
			});
			if (this.uri.getRetryWritesValue() == null) {
				settings.retryWrites(this.properties.retryWrites());
			}
			if (this.uri.getRetryReads() == null) {
				settings.retryReads(this.properties.retryReads());
			}
			if (this.uri.getWriteConcern() == null) {
				settings.writeConcern(writeConcern());
			}
			if (this.uri.getReadConcern() == null) {
				settings.readConcern(new ReadConcern(ReadConcernLevel.fromString(this.properties.readConcern())));
			}
			if (this.uri.getReadPreference() == null) {
				settings.readPreference(ReadPreference.valueOf(this.properties.readPreference()));
			}
			if (this.uri.getCompressorList().isEmpty()) {
				settings.compressorList(compressors(this.properties.compressors()));
			}
			if (this.stableApi) {
				settings.serverApi(
						ServerApi.builder().version(ServerApiVersion.V1).strict(true).deprecationErrors(true).build());
			}
		}

		private WriteConcern writeConcern() {
			String w = this.properties.writeConcern();
			WriteConcern concern = w.chars().allMatch(Character::isDigit) ? new WriteConcern(Integer.parseInt(w))
					: new WriteConcern(w);
			return concern.withWTimeout(this.properties.writeConcernTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}

		private static List<MongoCompressor> compressors(List<String> names) {
			return names.stream().map(ShopstreamSettings::compressor).toList();
		}

		private static MongoCompressor compressor(String name) {
			return switch (name.trim().toLowerCase(Locale.ROOT)) {
				case "snappy" -> MongoCompressor.createSnappyCompressor();
				case "zlib" -> MongoCompressor.createZlibCompressor();
				case "zstd" -> MongoCompressor.createZstdCompressor();
				default -> throw new IllegalArgumentException(
						"shopstream.mongodb.compressors: unknown compressor '" + name + "' (use snappy, zlib, zstd)");
			};
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
