package io.shopstream.feeds;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * A change source the test drives: every subscription opens a {@link Cursor} (as an
 * aggregate on the database would), whose events and failure the test sends, and which
 * knows whether it was closed.
 */
final class FakeChangeSource implements ChangeSource {

	private final List<Cursor> cursors = new CopyOnWriteArrayList<>();

	@Override
	public Flux<FeedEvent> watch(String resumeAfter) {
		return Flux.defer(() -> {
			Cursor cursor = new Cursor(resumeAfter);
			this.cursors.add(cursor);
			return cursor.changes.asFlux().doOnCancel(() -> cursor.closed.set(true));
		});
	}

	/** Every cursor opened so far, oldest first. */
	List<Cursor> cursors() {
		return this.cursors;
	}

	Cursor last() {
		return this.cursors.get(this.cursors.size() - 1);
	}

	static final class Cursor {

		private final String resumeAfter;

		private final Sinks.Many<FeedEvent> changes = Sinks.many().unicast().onBackpressureBuffer();

		private final AtomicBoolean closed = new AtomicBoolean();

		private Cursor(String resumeAfter) {
			this.resumeAfter = resumeAfter;
		}

		/** The token it resumes after, or null when it reads from now. */
		String resumeAfter() {
			return this.resumeAfter;
		}

		boolean isClosed() {
			return this.closed.get();
		}

		/** Sends events, as the database would; a closed cursor drops them. */
		Cursor send(FeedEvent... events) {
			for (FeedEvent event : events) {
				this.changes.tryEmitNext(event);
			}
			return this;
		}

		void fail(Throwable error) {
			this.changes.tryEmitError(error);
		}

	}

}
