package io.shopstream.platform.mongo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.ServerApiVersion;
import com.mongodb.WriteConcern;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every playbook option reaches the driver, and the connection string wins where it says
 * something.
 */
class MongoClientConfigurationTests {

	private final MongoClientProperties properties = new MongoClientProperties("shopstream-test", 3, 42,
			Duration.ofSeconds(61), Duration.ofSeconds(6), Duration.ofSeconds(11), Duration.ofSeconds(46), true, false,
			"majority", Duration.ofSeconds(7), "majority", "primaryPreferred", List.of("snappy", "zlib", "zstd"), true);

	@Test
	void applies_every_option_to_the_driver() {
		MongoClientSettings settings = settings("mongodb://db.example/shopstream");
		assertThat(settings.getApplicationName()).isEqualTo("shopstream-test");
		assertThat(settings.getConnectionPoolSettings().getMinSize()).isEqualTo(3);
		assertThat(settings.getConnectionPoolSettings().getMaxSize()).isEqualTo(42);
		assertThat(settings.getConnectionPoolSettings().getMaxConnectionIdleTime(TimeUnit.SECONDS)).isEqualTo(61);
		assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.SECONDS)).isEqualTo(6);
		assertThat(settings.getSocketSettings().getConnectTimeout(TimeUnit.SECONDS)).isEqualTo(11);
		assertThat(settings.getSocketSettings().getReadTimeout(TimeUnit.SECONDS)).isEqualTo(46);
		assertThat(settings.getRetryWrites()).isTrue();
		assertThat(settings.getRetryReads()).isFalse();
		assertThat(settings.getWriteConcern()).isEqualTo(WriteConcern.MAJORITY.withWTimeout(7, TimeUnit.SECONDS));
		assertThat(settings.getReadConcern()).isEqualTo(ReadConcern.MAJORITY);
		assertThat(settings.getReadPreference()).isEqualTo(ReadPreference.primaryPreferred());
		assertThat(settings.getCompressorList()).extracting((compressor) -> compressor.getName())
			.containsExactly("snappy", "zlib", "zstd");
		assertThat(settings.getServerApi().getVersion()).isEqualTo(ServerApiVersion.V1);
		assertThat(settings.getServerApi().getStrict()).contains(true);
	}

	@Test
	void leaves_alone_what_the_connection_string_sets() {
		MongoClientSettings settings = settings(
				"mongodb://db.example/shopstream?maxPoolSize=7&w=1&readPreference=secondary&compressors=zlib&appName=ops");
		assertThat(settings.getConnectionPoolSettings().getMaxSize()).isEqualTo(7);
		assertThat(settings.getWriteConcern().getW()).isEqualTo(1);
		assertThat(settings.getReadPreference()).isEqualTo(ReadPreference.secondary());
		assertThat(settings.getCompressorList()).extracting((compressor) -> compressor.getName())
			.containsExactly("zlib");
		assertThat(settings.getApplicationName()).isEqualTo("ops");
	}

	private MongoClientSettings settings(String uri) {
		ConnectionString connectionString = new ConnectionString(uri);
		MongoClientSettings.Builder builder = MongoClientSettings.builder().applyConnectionString(connectionString);
		new MongoClientConfiguration().shopstreamMongoClientSettings(this.properties, () -> connectionString)
			.customize(builder);
		return builder.build();
	}

}
