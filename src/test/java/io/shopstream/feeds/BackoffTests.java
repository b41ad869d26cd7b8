package io.shopstream.feeds;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pause before reopening a failed change stream. */
class BackoffTests {

	@Test
	void doubles_from_100_ms_and_stays_at_the_maximum_however_many_failures() {
		Backoff backoff = new Backoff(Duration.ofSeconds(30));

		assertThat(IntStream.range(0, 12).mapToObj((attempt) -> backoff.next().toMillis())).containsExactly(100L, 200L,
				400L, 800L, 1600L, 3200L, 6400L, 12800L, 25600L, 30000L, 30000L, 30000L);
		IntStream.range(0, 100).forEach((attempt) -> backoff.next());
		assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void starts_again_at_100_ms_after_a_reset() {
		Backoff backoff = new Backoff(Duration.ofSeconds(30));
		backoff.next();
		backoff.next();

		backoff.reset();

		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
	}

}
