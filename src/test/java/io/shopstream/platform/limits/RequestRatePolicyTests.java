package io.shopstream.platform.limits;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The buckets kept for clients stay bounded: a bucket is forgotten once it has refilled
 * (a new one would be the same), and never more than {@code tracked-clients} are kept.
 */
class RequestRatePolicyTests {

	@Test
	void a_bucket_is_forgotten_once_its_client_has_been_quiet_long_enough_to_refill_it() {
		RequestRateLimits.Policy policy = RequestRateLimits.Policy.of("reads", 100, 2, 1000);
		assertThat(policy.bucket("10.30.0.1").tryConsume(2)).isTrue();
		assertThat(policy.bucket("10.30.0.1").tryConsume(1)).as("the same bucket, now empty").isFalse();
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> {
			policy.buckets().cleanUp();
			return policy.buckets().estimatedSize() == 0;
		});
		assertThat(policy.bucket("10.30.0.1").getAvailableTokens()).isEqualTo(2);
	}

	@Test
	void no_more_buckets_are_kept_than_the_clients_tracked() {
		RequestRateLimits.Policy policy = RequestRateLimits.Policy.of("reads", 1, 5, 3);
		for (int i = 0; i < 50; i++) {
			policy.bucket("10.31.0." + i).tryConsume(1);
		}
		policy.buckets().cleanUp();
		assertThat(policy.buckets().estimatedSize()).isLessThanOrEqualTo(3);
	}

	@Test
	void a_rate_of_zero_is_no_limit() {
		assertThat(RequestRateLimits.Policy.of("writes", 0, 10, 3)).isNull();
	}

}
