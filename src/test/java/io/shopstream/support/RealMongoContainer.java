package io.shopstream.support;

import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The one place that pins the MongoDB image: a single-node {@code mongo:7.0} replica set
 * (so transactions and change streams work), connected with {@code @ServiceConnection}.
 * Not started when the tests were pointed at an existing server.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RealMongoContainer {

	static final DockerImageName IMAGE = DockerImageName.parse("mongo:7.0");

	@Bean
	@ServiceConnection
	@Conditional(NoExternalUri.class)
	MongoDBContainer mongoDbContainer() {
		return new MongoDBContainer(IMAGE).withReplicaSet();
	}

	static class NoExternalUri implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !RealMongoAvailable.hasExternalUri();
		}

	}

}
