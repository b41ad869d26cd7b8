package io.shopstream.platform.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
import com.mongodb.reactivestreams.client.MongoClient;
import org.xerial.snappy.Snappy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.mongodb.autoconfigure.ReactiveMongoClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;

/**
 * Applies {@link MongoClientProperties} to the driver. Runs after Boot has applied the
 * connection string, and leaves alone every option the connection string already sets.
 */
@Configuration(proxyBeanMethods = false)
class MongoClientConfiguration {

	/** Connections of the client outside the Stable API: a handful of rare operations. */
	private static final int OUTSIDE_STABLE_API_POOL = 8;

	@Bean
	MongoClientSettingsBuilderCustomizer shopstreamMongoClientSettings(MongoClientProperties properties,
			MongoConnectionDetails connection) {
		loadNativeCompressors();
		return new ShopstreamSettings(properties, connection.getConnectionString(), stableApi(properties));
	}

	/**
	 * The client for the few operations Stable API V1 strict mode refuses: the same
	 * settings as the application's client (every customizer, in order), then API version
	 * 1 without strict, its own name and a small pool.
	 */
	@Bean
	OutsideStableApi outsideStableApi(ObjectProvider<MongoClientSettingsBuilderCustomizer> customizers,
			MongoClientProperties properties, ReactiveMongoDatabaseFactory databases) {
		boolean strict = stableApi(properties);
		List<MongoClientSettingsBuilderCustomizer> all = new ArrayList<>(customizers.orderedStream().toList());
		all.add((settings) -> {
			if (strict) {
				settings.serverApi(ServerApi.builder().version(ServerApiVersion.V1).build());
			}
			String name = Objects.requireNonNullElse(settings.build().getApplicationName(),
					properties.applicationName());
			settings.applicationName(name + OutsideStableApi.APPLICATION_NAME_SUFFIX);
			settings.applyToConnectionPoolSettings((pool) -> pool.minSize(0).maxSize(OUTSIDE_STABLE_API_POOL));
		});
		MongoClient client = new ReactiveMongoClientFactory(all)
			.createMongoClient(MongoClientSettings.builder().build());
		return new OutsideStableApi(client, databases.getMongoDatabase().block().getName(), strict);
	}

	/**
	 * Both back-ends: the embedded one answers {@code hello} and refuses what strict mode
	 * refuses, as MongoDB 7.0 does.
	 */
	private static boolean stableApi(MongoClientProperties properties) {
		return properties.stableApi();
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
