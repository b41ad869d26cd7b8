package io.shopstream.feeds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.mongodb.MongoException;

/**
 * How a shared stream comes back after a failure: since when it has been failing
 * (readiness turns DOWN past {@code stalled-after}), how long it waits before the next
 * attempt, and whether the history it would resume from is gone, in which case its
 * subscribers must resync and it starts afresh. Changed under its stream's lock.
 */
final class StreamReconnection {

	/** MongoDB's codes for a resume point that is gone or was never there. */
	private static final Set<Integer> HISTORY_LOST = Set.of(286, 280, 136);

	private final Backoff backoff;

	private final Clock clock;

	private volatile Instant failingSince;

	StreamReconnection(Duration maxBackoff, Clock clock) {
		this.backoff = new Backoff(maxBackoff);
		this.clock = clock;
	}

	/** Counts a failure; answers how long to wait before reopening. */
	Duration failed() {
		if (this.failingSince == null) {
			this.failingSince = this.clock.instant();
		}
		return this.backoff.next();
	}

	/** An event flowed; answers whether the stream had been failing until now. */
	boolean flowing() {
		boolean wasFailing = this.failingSince != null;
		this.failingSince = null;
		this.backoff.reset();
		return wasFailing;
	}

	/** The stream was closed: it is no longer failing, whatever it was doing. */
	void closed() {
		this.failingSince = null;
	}

	/** Since when the stream has been failing, or null when it is not. */
	Instant failingSince() {
		return this.failingSince;
	}

	static boolean historyLost(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof MongoException mongo && HISTORY_LOST.contains(mongo.getCode())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * What failed, for the log: the exception's type and MongoDB code, never its message.
	 */
	static String reason(Throwable error) {
		return error.getClass().getSimpleName()
				+ ((error instanceof MongoException mongo) ? " code " + mongo.getCode() : "");
	}

}
