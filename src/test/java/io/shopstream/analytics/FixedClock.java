package io.shopstream.analytics;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** "Now" for the analytics fixture: 30 June 2001, midnight UTC. */
@TestConfiguration(proxyBeanMethods = false)
class FixedClock {

	static final Instant NOW = Instant.parse("2001-06-30T00:00:00Z");

	@Bean
	Clock clock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

}
