package io.shopstream.feeds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.shopstream.feeds.ChangeSource.StreamStart;
import io.shopstream.platform.limits.Admission;
import io.shopstream.platform.limits.Permit;
import org.bson.BsonTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The one change stream of one collection, shared by every subscriber of its feed. It
 * opens with the first subscriber and closes a grace period after the last one leaves. A
 * subscriber's first frame (the {@code retry:} advice) means "every change from now on
 * reaches you": it is sent only once the stream is sure to cover what comes after it. A
 * stream opening from scratch first reads the cluster's time and starts after it, so
 * subscribers arriving meanwhile wait for that time before their first frame; a stream
 * being reopened covers them from its last token. Every event is appended to the replay
 * ring and offered to each live subscriber that may see it, all under one lock, so that a
 * subscriber joining with a Last-Event-ID gets exactly the events after it: from the
 * ring, or from a {@link CatchUpCursor} that hands over to the live stream as soon as it
 * reaches an event the ring holds. A failed stream is reopened from its last token (see
 * {@link StreamReconnection}) while subscribers stay connected; when the history is gone,
 * subscribers are told to {@code resync}.
 */
final class SharedStream {

	private static final Logger log = LoggerFactory.getLogger(SharedStream.class);

	/**
	 * What a resume token we sent can look like. Anything else cannot be resumed from,
	 * and is answered with a resync at once, without asking the database about it.
	 */
	private static final Pattern RESUME_TOKEN = Pattern.compile("[0-9A-Za-z_-]{1,4096}");

	enum State {

		CLOSED, OPENING, OPEN, RETRYING

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

	/**
	 * Guarded by the lock: subscribers, with their Last-Event-ID (or empty), waiting for
	 * the stream to know where it starts.
	 */
	private final Map<FeedSubscriber, Optional<String>> waiting = new LinkedHashMap<>();

	private final ReplayRing ring;

	private Disposable stream;

	private Disposable pendingClose;

	/** The cluster time being read for a stream opening from scratch. */
	private Disposable opening;

	/** The cluster time the stream started after; null until it has one. */
	private BsonTimestamp startedAfter;

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
		boolean catchUp;
		synchronized (this.lock) {
			if (this.stopped || subscriber.isClosed()) {
				// Closed already: its connection went away while it was being registered
				// (the cancel can run on another thread than the subscription); never
				// keep
				// it.
				subscriber.end();
				return;
			}
			this.subscribers.add(subscriber);
			if (this.pendingClose != null) {
				this.pendingClose.dispose();
				this.pendingClose = null;
			}
			if (this.state == State.CLOSED) {
				openFromNow();
			}
			if (!coversWhatComesNext()) {
				this.waiting.put(subscriber, Optional.ofNullable(lastEventId));
				return;
			}
			catchUp = admit(subscriber, lastEventId);
		}
		if (catchUp) {
			catchUp(subscriber, lastEventId);
		}
	}

	/**
	 * Whether every change made from now on will reach the subscribers: the stream is
	 * open, or being reopened from a position it had. Under the lock.
	 */
	private boolean coversWhatComesNext() {
		return this.state == State.OPEN
				|| (this.state == State.RETRYING && (this.lastToken != null || this.startedAfter != null));
	}

	/**
	 * Sends the first frame and starts the subscriber: live at once without a
	 * Last-Event-ID; after a resync when the id cannot be a resume token; from the ring
	 * when it holds the id. Under the lock.
	 * @return true when it needs a catch-up cursor
	 */
	private boolean admit(FeedSubscriber subscriber, String lastEventId) {
		subscriber.offer(this.retryFrame);
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
			return true;
		}
		return false;
	}

	/**
	 * Reads the cluster's time, then opens the stream after it and admits the subscribers
	 * that waited. Under the lock.
	 */
	private void openFromNow() {
		this.state = State.OPENING;
		this.opening = this.changes.clusterTime()
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("the server gave no cluster time")))
			.subscribe(this::openedAfter, this::failed);
	}

	private void openedAfter(BsonTimestamp time) {
		Map<FeedSubscriber, String> catchingUp = new LinkedHashMap<>();
		synchronized (this.lock) {
			this.opening = null;
			if (this.stopped || this.state != State.OPENING) {
				return;
			}
			if (this.subscribers.isEmpty()) {
				this.state = State.CLOSED;
				this.reconnection.closed();
				return;
			}
			this.startedAfter = time;
			open(StreamStart.afterTime(time));
			this.waiting.forEach((subscriber, lastEventId) -> {
				if (!subscriber.isClosed() && admit(subscriber, lastEventId.orElse(null))) {
					catchingUp.put(subscriber, lastEventId.get());
				}
			});
			this.waiting.clear();
		}
		catchingUp.forEach(this::catchUp);
	}

	void unsubscribe(FeedSubscriber subscriber) {
		synchronized (this.lock) {
			subscriber.end();
			this.subscribers.remove(subscriber);
			this.waiting.remove(subscriber);
		}
		CatchUpCursor catchUp = this.catchUps.remove(subscriber);
		if (catchUp != null) {
			catchUp.close();
		}
		synchronized (this.lock) {
			if (this.subscribers.isEmpty() && this.state != State.CLOSED && this.pendingClose == null
					&& !this.stopped) {
				this.pendingClose = Mono.delay(this.properties.gracePeriod(), this.timer)
					.subscribe((tick) -> closeIfIdle());
			}
		}
	}

	void heartbeat() {
		synchronized (this.lock) {
			for (FeedSubscriber subscriber : this.subscribers) {
				if (!this.waiting.containsKey(subscriber)) {
					offer(subscriber, subscriber.heartbeat());
				}
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
			this.waiting.clear();
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

	/** Opens the shared change stream where {@code start} says. Under the lock. */
	private void open(StreamStart start) {
		this.state = State.OPEN;
		this.stream = this.changes.watch(start)
			.subscribe(this::dispatch, this::failed,
					() -> failed(new IllegalStateException("the change stream ended")));
		log.info("Opened the shared change stream on {}{}", this.feed.collection(),
				(start.resumeAfter() != null) ? " (resuming)" : "");
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
			this.opening = null;
			if (this.stopped) {
				return;
			}
			if (this.subscribers.isEmpty()) {
				this.state = State.CLOSED;
				this.startedAfter = null;
				this.ring.clear();
				return;
			}
			this.state = State.RETRYING;
			Duration delay = this.reconnection.failed();
			this.metrics.restart(this.feed);
			if (StreamReconnection.historyLost(error)) {
				this.lastToken = null;
				this.startedAfter = null;
				this.ring.clear();
				resyncAll("the change history this feed was reading from is gone; reload and continue");
			}
			log.info("The change stream on {} stopped ({}); reopening in {} ms", this.feed.collection(),
					StreamReconnection.reason(error), delay.toMillis());
			Mono.delay(delay, this.timer).subscribe((tick) -> reopen());
		}
	}

	/**
	 * Reopens after the last token, else after the time the stream started from, else
	 * from now (the history was lost, or the stream never opened).
	 */
	private void reopen() {
		synchronized (this.lock) {
			if (this.stopped || this.state != State.RETRYING) {
				return;
			}
			if (this.subscribers.isEmpty()) {
				this.state = State.CLOSED;
				this.reconnection.closed();
				this.startedAfter = null;
				this.ring.clear();
				return;
			}
			if (this.lastToken != null) {
				open(StreamStart.afterToken(this.lastToken));
			}
			else if (this.startedAfter != null) {
				open(StreamStart.afterTime(this.startedAfter));
			}
			else {
				openFromNow();
			}
		}
	}

	private void closeIfIdle() {
		synchronized (this.lock) {
			this.pendingClose = null;
			if (this.subscribers.isEmpty() && this.state != State.CLOSED) {
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
		if (this.opening != null) {
			this.opening.dispose();
			this.opening = null;
		}
		if (this.pendingClose != null) {
			this.pendingClose.dispose();
			this.pendingClose = null;
		}
		this.state = State.CLOSED;
		this.reconnection.closed();
		this.lastToken = null;
		this.startedAfter = null;
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
		cursor.start(this.changes.watch(StreamStart.afterToken(token)), (event) -> handOver(subscriber, event),
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
			if (!this.waiting.containsKey(subscriber)) {
				resync(subscriber, reason);
			}
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
