package io.shopstream.platform.mongo.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Starts the embedded back-end before the MongoDB client is created, when neither
 * {@code spring.mongodb.uri} (or {@code MONGODB_URI}) nor a host nor a service connection
 * is configured. The server stops with the application context.
 */
@AutoConfiguration(before = MongoReactiveAutoConfiguration.class,
		afterName = "org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration")
@ConditionalOnProperty(name = "shopstream.embedded.enabled", havingValue = "true", matchIfMissing = true)
@Conditional(NoMongoDbConfigured.class)
@ConditionalOnMissingBean(MongoConnectionDetails.class)
@EnableConfigurationProperties(EmbeddedMongoProperties.class)
public class EmbeddedMongoAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedMongoServer embeddedMongoServer(EmbeddedMongoProperties properties) {
		EmbeddedMongoServer server = new EmbeddedMongoServer(properties);
		log.info(
				"Using the embedded MongoDB back-end (in memory, data is lost on exit) on {}; "
						+ "set MONGODB_URI=mongodb://host:27017/shopstream to use a real MongoDB",
				server.address().getHostString() + ":" + server.address().getPort());
		return server;
	}

	@Bean
	MongoConnectionDetails embeddedMongoConnectionDetails(EmbeddedMongoServer server) {
		return server::connectionString;
	}

}
