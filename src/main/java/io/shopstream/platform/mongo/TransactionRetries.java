package io.shopstream.platform.mongo;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoException;
import io.shopstream.platform.web.ServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * When a failed transaction, or its commit, is tried again: only while MongoDB labels the
 * failure as passing ({@code TransientTransactionError} for the whole transaction,
 * {@code UnknownTransactionCommitResult} for the commit, as the drivers' transactions
 * specification says), after an exponential backoff with full jitter (so clients that
 * conflicted once do not conflict again in step), and only while the next attempt can
 * start before the deadline. Past it the request is answered 503 with
 * {@code Retry-After}, never 500. Time is the parallel scheduler's, so tests run it on
 * virtual time.
 */
final class TransactionRetries {

	private static final Logger log = LoggerFactory.getLogger(TransactionRetries.class);

	/** What a client refused at the deadline is asked to wait. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	private final TransactionProperties properties;

	TransactionRetries(TransactionProperties properties) {
		this.properties = properties;
	}

	/** The instant, in the scheduler's milliseconds, by which retries must stop. */
	long deadlineFromNow() {
		return scheduler().now(TimeUnit.MILLISECONDS) + this.properties.deadline().toMillis();
	}

	/**
	 * Retries failures carrying {@code label} until {@code deadline}, then fails with
	 * {@link ServiceUnavailableException}; any other failure passes through at once.
	 */
	Retry whileLabelled(String label, long deadline) {
		return Retry.from((signals) -> signals.concatMap((signal) -> {
			Throwable failure = signal.failure();
			if (!labelled(failure, label)) {
				return Mono.error(failure);
			}
			Duration wait = backoff(signal.totalRetries());
			if (scheduler().now(TimeUnit.MILLISECONDS) + wait.toMillis() > deadline) {
				log.warn("Gave up a transaction after {} retries on {}: {}", signal.totalRetries(), label,
						failure.getMessage());
				return Mono.error(new ServiceUnavailableException(gaveUp(label), RETRY_AFTER));
			}
			return Mono.delay(wait, scheduler());
		}));
	}

	private String gaveUp(String label) {
		String within = " within " + this.properties.deadline().toMillis() + " ms";
		return MongoException.UNKNOWN_TRANSACTION_COMMIT_RESULT_LABEL.equals(label)
				? "The database did not confirm this change" + within
						+ "; it may have been applied. Read it back, or repeat the request with the same "
						+ "Idempotency-Key, before trying again"
				: "The database refused this change as conflicting with others" + within
						+ "; nothing was changed. Try again";
	}

	/**
	 * The wait before retry number {@code retry} (from 0): a random duration between half
	 * and all of {@code firstBackoff × 2^retry}, capped at {@code maxBackoff}.
	 */
	Duration backoff(long retry) {
		long first = this.properties.firstBackoff().toMillis();
		long cap = this.properties.maxBackoff().toMillis();
		long ceiling = (retry >= 30) ? cap : Math.min(cap, first << retry);
		long floor = ceiling / 2;
		return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1));
	}

	static boolean labelled(Throwable failure, String label) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof MongoException mongo && mongo.hasErrorLabel(label)) {
				return true;
			}
		}
		return false;
	}

	private static Scheduler scheduler() {
		return Schedulers.parallel();
	}

}
