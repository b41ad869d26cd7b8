package io.shopstream.feeds;

import java.time.Duration;

/**
 * The pause before reopening a failed change stream: 100 ms, doubling with each failure
 * in a row up to a maximum, so that a database that is down is not hammered; back to 100
 * ms once an event flows again. Guarded by its stream's lock.
 */
final class Backoff {

	static final Duration FIRST = Duration.ofMillis(100);

	private final Duration max;

	private int failures;

	Backoff(Duration max) {
		this.max = max;
	}

	/** The pause before the next attempt, counting one more failure. */
	Duration next() {
		long millis = FIRST.toMillis() << Math.min(this.failures++, 16);
		return Duration.ofMillis(Math.min(millis, this.max.toMillis()));
	}

	void reset() {
		this.failures = 0;
	}

}
