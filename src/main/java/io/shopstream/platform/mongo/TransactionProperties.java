package io.shopstream.platform.mongo;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a transaction may keep being retried, and how far apart the retries are.
 *
 * @param deadline how long one transaction, retries included, may take before the request
 * is answered 503 with {@code Retry-After}
 * @param firstBackoff the wait before the first retry; each later one waits up to twice
 * as long as the one before
 * @param maxBackoff the longest wait between two retries
 */
@ConfigurationProperties("shopstream.transactions")
public record TransactionProperties(@DefaultValue("5s") Duration deadline, @DefaultValue("10ms") Duration firstBackoff,
		@DefaultValue("500ms") Duration maxBackoff) {

	/** The defaults, as configuration binds them when nothing is set. */
	public static TransactionProperties defaults() {
		return new TransactionProperties(Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMillis(500));
	}

}
