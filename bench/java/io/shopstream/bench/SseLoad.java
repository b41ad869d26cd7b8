package io.shopstream.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Many EventSource-like subscribers in one JVM, each a plain HTTP connection: frames are
 * split on blank lines, and the latency of each event is the time from its
 * {@code updated_at} to its arrival, kept in a millisecond histogram rather than per
 * delivery so that the client stays lean at hundreds of thousands of deliveries.
 */
final class SseLoad implements AutoCloseable {

	private static final String UPDATED_AT = "\"updated_at\":\"";

	private static final int MAX_MILLIS = 120_000;

	private final AtomicLongArray latencyMillis = new AtomicLongArray(MAX_MILLIS + 1);

	private final AtomicLong deliveries = new AtomicLong();

	private final AtomicInteger open = new AtomicInteger();

	private final List<Disposable> connections = new ArrayList<>();

	private final ConnectionProvider pool;

	private final LoopResources loops;

	private final HttpClient client;

	SseLoad(int port, String bearer) {
		this.pool = ConnectionProvider.builder("bench-load").maxConnections(100_000).pendingAcquireMaxCount(-1).build();
		this.loops = LoopResources.create("bench-load", 2, true);
		HttpClient client = HttpClient.create(this.pool)
			.runOn(this.loops)
			.baseUrl("http://localhost:" + port)
			.headers((headers) -> headers.set("Accept", "text/event-stream"));
		this.client = (bearer != null) ? client.headers((headers) -> headers.set("Authorization", "Bearer " + bearer))
				: client;
	}

	/**
	 * Opens {@code count} subscriptions to {@code path}, 500 at a time, until each has
	 * its first frame.
	 */
	void connect(String path, int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		int target = this.open.get();
		for (int i = 0; i < count; i++) {
			Frames frames = new Frames();
			this.connections.add(this.client.get()
				.uri(path)
				.responseContent()
				.asString(StandardCharsets.UTF_8)
				.subscribe(frames::accept, (error) -> {
				}));
			target++;
			if (target % 500 == 0 || i == count - 1) {
				while (this.open.get() < target) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException(
								this.open.get() + " of " + target + " subscribers connected in time");
					}
					Thread.sleep(10);
				}
			}
		}
	}

	/** Forget what was measured so far: the next phase starts from zero. */
	void reset() {
		for (int i = 0; i <= MAX_MILLIS; i++) {
			this.latencyMillis.set(i, 0);
		}
		this.deliveries.set(0);
	}

	long deliveries() {
		return this.deliveries.get();
	}

	/** The latency below which the given share of deliveries arrived, in milliseconds. */
	long percentile(double share) {
		long total = this.deliveries.get();
		long wanted = (long) Math.ceil(total * share);
		long seen = 0;
		for (int millis = 0; millis <= MAX_MILLIS; millis++) {
			seen += this.latencyMillis.get(millis);
			if (seen >= wanted && seen > 0) {
				return millis;
			}
		}
		return MAX_MILLIS;
	}

	@Override
	public void close() {
		this.connections.forEach(Disposable::dispose);
		this.pool.disposeLater().block(Duration.ofSeconds(30));
		this.loops.disposeLater().block(Duration.ofSeconds(30));
	}

	/**
	 * One connection's frame splitter: what it holds between chunks is at most one
	 * partial frame.
	 */
	private final class Frames {

		private final StringBuilder partial = new StringBuilder();

		private boolean greeted;

		void accept(String chunk) {
			this.partial.append(chunk);
			int end;
			while ((end = this.partial.indexOf("\n\n")) >= 0) {
				frame(this.partial, end);
				this.partial.delete(0, end + 2);
			}
		}

		private void frame(CharSequence text, int end) {
			if (!this.greeted) {
				this.greeted = true;
				SseLoad.this.open.incrementAndGet();
			}
			String frame = text.subSequence(0, end).toString();
			int at = frame.indexOf(UPDATED_AT);
			if (at < 0 || !frame.contains("\nevent:") && !frame.startsWith("event:")) {
				return;
			}
			int start = at + UPDATED_AT.length();
			Instant changed = Instant.parse(frame.substring(start, frame.indexOf('"', start)));
			long millis = Math.max(0, Duration.between(changed, Instant.now()).toMillis());
			SseLoad.this.latencyMillis.incrementAndGet((int) Math.min(millis, MAX_MILLIS));
			SseLoad.this.deliveries.incrementAndGet();
		}

	}

}
