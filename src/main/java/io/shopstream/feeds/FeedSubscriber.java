package io.shopstream.feeds;

import java.util.concurrent.atomic.AtomicInteger;

import io.shopstream.platform.security.Caller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One open SSE connection: who it is, what it asked for, and its queue. The queue holds
 * at most {@code queueSize} frames; one more and the subscriber is cut off (its client
 * reconnects with its last id and resumes), so a slow reader never holds up the others or
 * grows the heap. Frames are offered under the stream's lock, one producer at a time.
 */
final class FeedSubscriber {

	private final Caller caller;

	private final FeedFilter filter;

	private final int queueSize;

	private final byte[] heartbeat;

	private final AtomicInteger waiting = new AtomicInteger();

	private final Sinks.Many<byte[]> frames = Sinks.many()
		.unicast()
		.onBackpressureBuffer(Queues.<byte[]>unbounded(16).get());

	private final Sinks.Empty<Void> cut = Sinks.empty();

	private final Runnable closeConnection;

	private volatile boolean live;

	private volatile boolean closed;

	FeedSubscriber(Caller caller, FeedFilter filter, int queueSize, Runnable closeConnection) {
		this(caller, filter, queueSize, closeConnection, SseFrames.HEARTBEAT);
	}

	FeedSubscriber(Caller caller, FeedFilter filter, int queueSize, Runnable closeConnection, byte[] heartbeat) {
		this.caller = caller;
		this.filter = filter;
		this.queueSize = queueSize;
		this.closeConnection = closeConnection;
		this.heartbeat = heartbeat;
	}

	/** This subscriber's heartbeat frame: the comment, or the event it asked for. */
	byte[] heartbeat() {
		return this.heartbeat;
	}

	Caller caller() {
		return this.caller;
	}

	FeedFilter filter() {
		return this.filter;
	}

	boolean isLive() {
		return this.live;
	}

	void goLive() {
		this.live = true;
	}

	boolean isClosed() {
		return this.closed;
	}

	/** The frames to write, ending when the subscriber is cut off or the feed ends. */
	Flux<byte[]> frames() {
		return this.frames.asFlux()
			.doOnNext((frame) -> this.waiting.decrementAndGet())
			.takeUntilOther(this.cut.asMono());
	}

	/** Queues a frame; false when the subscriber was too slow and has been cut off. */
	boolean offer(byte[] frame) {
		if (this.closed) {
			return false;
		}
		if (this.waiting.incrementAndGet() > this.queueSize) {
			cutOff();
			return false;
		}
		if (this.frames.tryEmitNext(frame).isFailure()) {
			cutOff();
			return false;
		}
		return true;
	}

	/**
	 * Drops what is queued and closes the connection; the client will reconnect and
	 * resume.
	 */
	void cutOff() {
		end();
		this.closeConnection.run();
	}

	/** Ends the stream cleanly after what is already written (shutdown). */
	void end() {
		this.closed = true;
		this.cut.tryEmitEmpty();
	}

}
