package io.shopstream.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import io.shopstream.platform.security.SecurityProperties;
import io.shopstream.support.EmbeddedApiTest;
import io.shopstream.support.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A login's window opens at its first attempt and lasts a minute, whatever the clock's
 * minute: five attempts just before a minute turns and a sixth just after is still one
 * too many, refused until a minute after the first.
 */
@EmbeddedApiTest
class LoginAttemptsTests {

	@Autowired
	ReactiveMongoTemplate template;

	@Autowired
	SecurityProperties properties;

	@Test
	void a_window_opens_at_the_first_attempt_not_at_the_clocks_minute() {
		SettableClock clock = new SettableClock(Instant.parse("2026-12-02T12:00:59.500Z"));
		LoginAttempts attempts = new LoginAttempts(this.template, this.properties, clock);
		List<String> login = List.of(Fixtures.unique("straddle"));
		String address = "192.0.2." + (Fixtures.unique("").hashCode() & 0x7f);
		for (int i = 0; i < this.properties.loginFailuresPerMinute(); i++) {
			assertThat(attempts.begin(login, address).blockOptional()).as("attempt %d", i + 1).isEmpty();
		}

		clock.now = Instant.parse("2026-12-02T12:01:00.500Z");
		assertThat(attempts.begin(login, address).blockOptional()).as("one too many, a second later")
			.hasValue(Duration.ofSeconds(59));

		clock.now = Instant.parse("2026-12-02T12:02:00Z");
		assertThat(attempts.begin(login, address).blockOptional()).as("a new window").isEmpty();
	}

	private static final class SettableClock extends Clock {

		private Instant now;

		SettableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
