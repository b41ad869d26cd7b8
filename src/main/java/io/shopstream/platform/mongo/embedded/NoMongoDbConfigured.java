package io.shopstream.platform.mongo.embedded;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches when the environment names no MongoDB server to connect to. */
class NoMongoDbConfigured implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		return !StringUtils.hasText(environment.getProperty("spring.mongodb.uri"))
				&& !StringUtils.hasText(environment.getProperty("spring.mongodb.host"));
	}

}
