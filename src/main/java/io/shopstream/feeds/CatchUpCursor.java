package io.shopstream.feeds;

import java.util.function.Consumer;
import java.util.function.Predicate;

import io.shopstream.platform.limits.Permit;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * One subscriber's temporary {@code resumeAfter} cursor, reading what it missed until it
 * reaches an event the replay ring holds, where the shared stream takes over. It holds
 * one of the instance's catch-up places, since each cursor holds a database connection
 * while it waits, and gives it back when it ends, however it ends.
 */
final class CatchUpCursor {

	private final FeedSubscriber subscriber;

	private final Permit place;

	private Disposable cursor;

	private boolean closed;

	CatchUpCursor(FeedSubscriber subscriber, Permit place) {
		this.subscriber = subscriber;
		this.place = place;
	}

	/**
	 * Reads {@code missed} until the hand-over, the subscriber leaving, or a failure.
	 * @param deliver gives the shared stream a missed event; true once it has handed the
	 * subscriber over to the live stream
	 * @param failed what the shared stream does when the cursor fails before the
	 * hand-over
	 */
	void start(Flux<FeedEvent> missed, Predicate<FeedEvent> deliver, Consumer<Throwable> failed) {
		Disposable reading = missed.takeWhile((event) -> !this.subscriber.isClosed() && !this.subscriber.isLive())
			.doFinally((signal) -> this.place.release())
			.subscribe((event) -> {
				if (deliver.test(event)) {
					close();
				}
			}, failed);
		boolean closedMeanwhile;
		synchronized (this) {
			closedMeanwhile = this.closed;
			if (!closedMeanwhile) {
				this.cursor = reading;
			}
		}
		if (closedMeanwhile) {
			reading.dispose();
		}
	}

	/** Closes the cursor, if it is still open; its place is given back. */
	void close() {
		Disposable reading;
		synchronized (this) {
			this.closed = true;
			reading = this.cursor;
			this.cursor = null;
		}
		if (reading != null) {
			reading.dispose();
		}
	}

}
