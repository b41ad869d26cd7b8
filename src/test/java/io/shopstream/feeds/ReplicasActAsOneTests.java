package io.shopstream.feeds;

import java.util.List;

import io.shopstream.ShopstreamApplication;
import io.shopstream.platform.mongo.Capabilities;
import io.shopstream.platform.mongo.embedded.EmbeddedMongoServer;
import io.shopstream.support.Accounts;
import io.shopstream.support.Accounts.Account;
import io.shopstream.support.EmbeddedApiTest;
import io.shopstream.support.Fixtures;
import io.shopstream.support.SseClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas of the service on one back-end, the second started as an operator would
 * start one more: {@code MONGODB_URI} pointing at the first one's embedded back-end. They
 * act as one service: a subscriber that reconnects to whichever replica it reaches, with
 * the id of the last event it got, resumes there with nothing lost or repeated (event ids
 * are the back-end's resume tokens, the same on every replica); and failed logins count
 * on both.
 */
@EmbeddedApiTest
class ReplicasActAsOneTests extends FeedStreamSupport {

	private static final String ADDRESS = "198.51.100.7";

	@Autowired
	EmbeddedMongoServer backend;

	@Test
	void a_subscriber_hopping_between_two_replicas_ten_times_misses_and_repeats_nothing() {
		try (ConfigurableApplicationContext second = secondReplica()) {
			assertThat(second.getBean(Capabilities.class).backend())
				.as("the second replica recognises the embedded back-end from its answers")
				.isEqualTo("embedded");
			resumeAcrossDrops(Fixtures.unique("HOP-"), 1000, 10, List.of(this.sse, new SseClient(port(second))));
		}
	}

	@Test
	void five_failed_logins_on_one_replica_and_the_sixth_on_the_other_is_refused() {
		try (ConfigurableApplicationContext second = secondReplica()) {
			Account account = Accounts.signUp(this.anonymous, "replicas");
			WebTestClient other = WebTestClient.bindToServer().baseUrl("http://localhost:" + port(second)).build();
			for (int i = 0; i < 5; i++) {
				Accounts.attemptLogin(this.anonymous, account.username(), "wrong password " + i, ADDRESS)
					.expectStatus()
					.isUnauthorized();
			}
			Accounts.attemptLogin(other, account.username(), Accounts.PASSWORD, ADDRESS)
				.expectStatus()
				.isEqualTo(429)
				.expectHeader()
				.exists(HttpHeaders.RETRY_AFTER);
		}
	}

	/**
	 * Another instance, configured on its command line as an operator would start it (its
	 * arguments win over application.yaml, as default properties would not).
	 */
	private ConfigurableApplicationContext secondReplica() {
		ConfigurableApplicationContext second = new SpringApplicationBuilder(ShopstreamApplication.class)
			.profiles("test")
			.run("--server.port=0", "--spring.mongodb.uri=" + this.backend.connectionString().getConnectionString(),
					"--shopstream.feeds.grace-period=100ms", "--shopstream.feeds.heartbeat=300ms");
		assertThat(second.getBeanNamesForType(EmbeddedMongoServer.class))
			.as("the second replica runs on the first one's back-end, not a back-end of its own")
			.isEmpty();
		return second;
	}

	private static int port(ConfigurableApplicationContext replica) {
		return replica.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

}
