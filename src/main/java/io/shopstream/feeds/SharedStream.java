package io.shopstream.feeds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.shopstream.platform.limits.Admission;
import io.shopstream.platform.limits.Permit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The one change stream of one collection, shared by every subscriber of its feed. It
 * opens with the first subscriber and closes a grace period after the last one leaves.
 * Every event is appended to the replay ring and offered to each live subscriber that may
 * see it, all under one lock, so that a subscriber joining with a Last-Event-ID gets
 * exactly the events after it: from the ring, or from a {@link CatchUpCursor} that hands
 * over to the live stream as soon as it reaches an event the ring holds. A failed stream
 * is reopened from its last token (see {@link StreamReconnection}) while subscribers stay
 * connected; when the history is gone, subscribers are told to {@code resync}.
 */
final class SharedStream {

	private static final Logger log = LoggerFactory.getLogger(SharedStream.class);

	/**
	 * What a resume token we sent can look like. Anything else cannot be resumed from,
	 * and is answered with a resync at once, without asking the database about it.
	 */
	private static final Pattern RESUME_TOKEN = Pattern.compile("[0-9A-Za-z_-]{1,4096}");

	enum State {

		CLOSED, OPEN, RETRYING

	}

	private final Feed feed;

	private final ChangeSource changes;

	private final FeedProperties properties;

	private final FeedMetrics metrics;

	private final Admission admission;

	private final Scheduler timer;

	private final StreamReconnection reconnection;

	private final byte[] retryFrame;

	private final Object lock = new Object();

	private final Set<FeedSubscriber> subscribers = ConcurrentHashMap.newKeySet();

	/** The cursors of subscribers still catching up, closed when they leave. */
	private final Map<FeedSubscriber, CatchUpCursor> catchUps = new ConcurrentHashMap<>();

	private final ReplayRing ring;

	private Disposable stream;

	private Disposable pendingClose;

	private String lastToken;

	private boolean stopped;

	private volatile State state = State.CLOSED;

	/**
	 * A shared stream for {@code feed}, closed until its first subscriber arrives.
	 * @param changes where the change streams come from
	 * @param timer the scheduler of the grace period and of the pauses between reopening
	 * attempts
	 */
	SharedStream(Feed feed, ChangeSource changes, FeedProperties properties, FeedMetrics metrics, Admission admission,
			Clock clock, Scheduler timer) {
		this.feed = feed;
		this.changes = changes;
		this.properties = properties;
		this.metrics = metrics;
		this.admission = admission;
		this.timer = timer;
		this.reconnection = new StreamReconnection(properties.maxBackoff(), clock);
		this.ring = new ReplayRing(properties.replaySize());
		this.retryFrame = SseFrames.retry(properties.retry());
	}

	/**
	 * Adds a subscriber: live at once without a Last-Event-ID; after a resync when the id
	 * cannot be a resume token; from the ring when it holds the id; else through a
	 * catch-up cursor.
	 */
	void subscribe(FeedSubscriber subscriber, String lastEventId) {
		boolean catchUp = false;
		synchronized (this.lock) {
			if (this.stopped || subscriber.isClosed()) {
				// Closed already: its connection went away while it was being registered
				// (the
				// cancel can run on another thread than the subscription); never keep it.
				subscriber.end();
				return;
			}
			subscriber.offer(this.retryFrame);
			this.subscribers.add(subscriber);
			if (this.pendingClose != null) {
				this.pendingClose.dispose();
				this.pendingClose = null;
			}
			if (lastEventId == null) {
				subscriber.goLive();
			}
			else if (!RESUME_TOKEN.matcher(lastEventId).matches()) {
				resync(subscriber, "your last id is not one this feed can resume from; reload and continue");
				subscriber.goLive();
			}
			else if (this.ring.contains(lastEventId)) {
				replay(subscriber, lastEventId);
			}
			else {
				catchUp = true;
			}
			if (this.stream == null && this.state != State.RETRYING) {
				open(null);
			}
		}
		if (catchUp) {
			catchUp(subscriber, lastEventId);
		}
	}

	void unsubscribe(FeedSubscriber subscriber) {
		synchronized (this.lock) {
			subscriber.end();
			this.subscribers.remove(subscriber);
		}
		CatchUpCursor catchUp = this.catchUps.remove(subscriber);
		if (catchUp != null) {
			catchUp.close();
		}
		synchronized (this.lock) {
			if (this.subscribers.isEmpty() && this.stream != null && this.pendingClose == null && !this.stopped) {
				this.pendingClose = Mono.delay(this.properties.gracePeriod(), this.timer)
					.subscribe((tick) -> closeIfIdle());
			}
		}
	}

	void heartbeat() {
		synchronized (this.lock) {
			for (FeedSubscriber subscriber : this.subscribers) {
				offer(subscriber, SseFrames.HEARTBEAT);
			}
		}
	}

	/** Accepts subscribers again after a {@link #stop()} (a lifecycle restart). */
	void start() {
		synchronized (this.lock) {
			this.stopped = false;
		}
	}

	/** Ends every subscriber's stream cleanly and closes the change stream (shutdown). */
	void stop() {
		synchronized (this.lock) {
			this.stopped = true;
			this.subscribers.forEach(FeedSubscriber::end);
			this.subscribers.clear();
			dispose();
		}
	}

	int subscriberCount() {
		return this.subscribers.size();
	}

	boolean isOpen() {
		return this.state == State.OPEN;
	}

	State state() {
		return this.state;
	}

	/** Since when the stream has been failing, or null when it is not. */
	Instant failingSince() {
		return this.reconnection.failingSince();
	}

	/**
	 * Opens the shared change stream, after {@code resumeAfter} or from now. Under the
	 * lock.
	 */
	private void open(String resumeAfter) {
		this.state = State.OPEN;
		this.stream = this.changes.watch(resumeAfter)
			.subscribe(this::dispatch, this::failed,
					() -> failed(new IllegalStateException("the change stream ended")));
		log.info("Opened the shared change stream on {}{}", this.feed.collection(),
				(resumeAfter != null) ? " (resuming)" : "");
	}

	private void dispatch(FeedEvent event) {
		this.metrics.lag(this.feed, event.clusterTime());
		synchronized (this.lock) {
			if (this.stopped) {
				return;
			}
			if (this.reconnection.flowing()) {
				log.info("The change stream on {} is flowing again", this.feed.collection());
			}
			this.lastToken = event.token();
			this.ring.add(event);
			int delivered = 0;
			for (FeedSubscriber subscriber : this.subscribers) {
				if (subscriber.isLive() && this.feed.accepts(subscriber, event) && offer(subscriber, event.frame())) {
					delivered++;
				}
			}
			this.metrics.delivered(this.feed, delivered);
		}
	}

	private void failed(Throwable error) {
		synchronized (this.lock) {
			this.stream = null;
			if (this.stopped) {
				return;
			}
			if (this.subscribers.isEmpty()) {
				this.state = State.CLOSED;
				this.ring.clear();
				return;
			}
			this.state = State.RETRYING;
			Duration delay = this.reconnection.failed();
			this.metrics.restart(this.feed);
			if (StreamReconnection.historyLost(error)) {
				this.lastToken = null;
				this.ring.clear();
				resyncAll("the change history this feed was reading from is gone; reload and continue");
			}
			log.info("The change stream on {} stopped ({}); reopening in {} ms", this.feed.collection(),
					StreamReconnection.reason(error), delay.toMillis());
			String resumeFrom = this.lastToken;
			Mono.delay(delay, this.timer).subscribe((tick) -> reopen(resumeFrom));
		}
	}

	private void reopen(String resumeFrom) {
		synchronized (this.lock) {
			if (this.stopped || this.stream != null) {
				return;
			}
			if (this.subscribers.isEmpty()) {
				this.state = State.CLOSED;
				this.reconnection.closed();
				this.ring.clear();
				return;
			}
			open(resumeFrom);
		}
	}

	private void closeIfIdle() {
		synchronized (this.lock) {
			this.pendingClose = null;
			if (this.subscribers.isEmpty() && this.stream != null) {
				dispose();
				log.info("Closed the shared change stream on {}: no subscribers", this.feed.collection());
			}
		}
	}

	private void dispose() {
		if (this.stream != null) {
			this.stream.dispose();
			this.stream = null;
		}
		if (this.pendingClose != null) {
			this.pendingClose.dispose();
			this.pendingClose = null;
		}
		this.state = State.CLOSED;
		this.reconnection.closed();
		this.lastToken = null;
		this.ring.clear();
	}

	/**
	 * Sends the ring's events after the token, then makes the subscriber live. Under the
	 * lock.
	 */
	private void replay(FeedSubscriber subscriber, String token) {
		for (FeedEvent event : this.ring.after(token)) {
			if (this.feed.accepts(subscriber, event)) {
				offer(subscriber, event.frame());
			}
		}
		subscriber.goLive();
	}

	/**
	 * Opens a catch-up cursor after the subscriber's last id. A subscriber arriving when
	 * the instance already has all the catch-up cursors it allows open gets a resync and
	 * goes live instead.
	 */
	private void catchUp(FeedSubscriber subscriber, String token) {
		Optional<Permit> place = this.admission.catchUpCursor();
		if (place.isEmpty()) {
			synchronized (this.lock) {
				resync(subscriber, "too many subscribers are catching up at once; reload and continue");
				subscriber.goLive();
			}
			return;
		}
		CatchUpCursor cursor = new CatchUpCursor(subscriber, place.get());
		this.catchUps.put(subscriber, cursor);
		if (subscriber.isClosed() && this.catchUps.remove(subscriber, cursor)) {
			// It left between registering and getting its cursor: unsubscribe found none
			// to close.
			place.get().release();
			return;
		}
		cursor.start(this.changes.watch(token), (event) -> handOver(subscriber, event),
				(error) -> catchUpFailed(subscriber, error));
	}

	/**
	 * Sends a missed event from a catch-up cursor; hands over to the live stream once the
	 * ring holds it.
	 */
	private boolean handOver(FeedSubscriber subscriber, FeedEvent event) {
		synchronized (this.lock) {
			if (subscriber.isLive() || subscriber.isClosed()) {
				return false;
			}
			if (this.feed.accepts(subscriber, event)) {
				offer(subscriber, event.frame());
			}
			if (!this.ring.contains(event.token())) {
				return false;
			}
			replay(subscriber, event.token());
			this.catchUps.remove(subscriber);
			return true;
		}
	}

	/** A catch-up cursor failed: the subscriber resyncs and goes live. */
	private void catchUpFailed(FeedSubscriber subscriber, Throwable error) {
		synchronized (this.lock) {
			resync(subscriber,
					StreamReconnection.historyLost(error)
							? "the events after your last id are no longer kept; reload and continue"
							: "your last id is not one this feed can resume from; reload and continue");
			subscriber.goLive();
		}
		this.catchUps.remove(subscriber);
	}

	private void resyncAll(String reason) {
		for (FeedSubscriber subscriber : this.subscribers) {
			resync(subscriber, reason);
		}
	}

	private void resync(FeedSubscriber subscriber, String reason) {
		this.metrics.resync(this.feed);
		offer(subscriber, SseFrames.resync(reason));
	}

	private boolean offer(FeedSubscriber subscriber, byte[] frame) {
		boolean wasClosed = subscriber.isClosed();
		boolean offered = subscriber.offer(frame);
		if (!offered && !wasClosed) {
			this.metrics.slowDisconnect(this.feed);
		}
		return offered;
	}

}
