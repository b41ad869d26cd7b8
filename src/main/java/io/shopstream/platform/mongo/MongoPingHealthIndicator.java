package io.shopstream.platform.mongo;

import com.mongodb.reactivestreams.client.MongoClient;
import org.bson.Document;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * MongoDB health by {@code ping}: the cheapest command in Stable API V1, answered by both
 * back-ends. Registered as the {@code mongo} contributor, in place of Boot's own.
 */
@Component("mongo")
class MongoPingHealthIndicator extends AbstractReactiveHealthIndicator {

	private final MongoClient client;

	private final Capabilities capabilities;

	MongoPingHealthIndicator(MongoClient client, Capabilities capabilities) {
		super((ex) -> "MongoDB ping failed");
		this.client = client;
		this.capabilities = capabilities;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		return Mono.from(this.client.getDatabase("admin").runCommand(new Document("ping", 1)))
			.map((answer) -> builder.up()
				.withDetail("backend", this.capabilities.backend())
				.withDetail("topology", this.capabilities.topology())
				.build());
	}

}
