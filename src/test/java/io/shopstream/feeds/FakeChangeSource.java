package io.shopstream.feeds;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.BsonTimestamp;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A change source the test drives: every subscription opens a {@link Cursor} (as an
 * aggregate on the database would), whose events and failure the test sends, and which
 * knows whether it was closed. The cluster's time is answered at once, unless the test
 * holds it back ({@link #holdClusterTime()}) to see what happens meanwhile.
 */
final class FakeChangeSource implements ChangeSource {

	static final BsonTimestamp NOW = new BsonTimestamp(1_700_000_000, 1);

	private final List<Cursor> cursors = new CopyOnWriteArrayList<>();

	private volatile Sinks.One<BsonTimestamp> heldClusterTime;

	@Override
	public Flux<FeedEvent> watch(StreamStart start) {
		return Flux.defer(() -> {
			Cursor cursor = new Cursor(start);
			this.cursors.add(cursor);
			return cursor.changes.asFlux().doOnCancel(() -> cursor.closed.set(true));
		});
	}

	@Override
	public Mono<BsonTimestamp> clusterTime() {
		Sinks.One<BsonTimestamp> held = this.heldClusterTime;
		return (held != null) ? held.asMono() : Mono.just(NOW);
	}

	/** From now on the cluster's time is only answered by {@link #answerClusterTime}. */
	void holdClusterTime() {
		this.heldClusterTime = Sinks.one();
	}

	void answerClusterTime(BsonTimestamp time) {
		Sinks.One<BsonTimestamp> held = this.heldClusterTime;
		this.heldClusterTime = null;
		held.tryEmitValue(time);
	}

	/** Every cursor opened so far, oldest first. */
	List<Cursor> cursors() {
		return this.cursors;
	}

	Cursor last() {
		return this.cursors.get(this.cursors.size() - 1);
	}

	static final class Cursor {

		private final StreamStart start;

		private final Sinks.Many<FeedEvent> changes = Sinks.many().unicast().onBackpressureBuffer();

		private final AtomicBoolean closed = new AtomicBoolean();

		private Cursor(StreamStart start) {
			this.start = start;
		}

		/** The token it resumes after, or null when it reads from a time. */
		String resumeAfter() {
			return this.start.resumeAfter();
		}

		/** The cluster time it starts after, or null when it resumes from a token. */
		BsonTimestamp afterTime() {
			return this.start.afterTime();
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
