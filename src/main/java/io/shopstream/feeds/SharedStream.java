package io.shopstream.feeds;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.MongoException;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import com.mongodb.reactivestreams.client.ChangeStreamPublisher;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.shopstream.platform.limits.Admission;
import io.shopstream.platform.limits.Permit;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one change stream of one collection, shared by every subscriber of its feed. It opens
 * with the first subscriber and closes a grace period after the last one leaves. Every event is
 * decoded once, appended to the replay ring and offered to each live subscriber that may see it,
 * all under one lock, so that a subscriber joining with a Last-Event-ID gets exactly the events
 * after it: from the ring, or from a temporary {@code resumeAfter} cursor that hands over to the
 * live stream as soon as it reaches an event the ring holds. A failed stream is reopened from its
 * last token with exponential backoff while subscribers stay connected; when the history is gone,
 * subscribers are told to {@code resync}.
 */
final class SharedStream {

	private static final Logger log = LoggerFactory.getLogger(SharedStream.class);

	/** MongoDB's codes for a resume point that is gone or was never there. */
	private static final Set<Integer> HISTORY_LOST = Set.of(286, 280, 136);

	enum State {

		CLOSED, OPEN, RETRYING

	}

	private final Feed feed;

	private final MongoCollection<Document> collection;

	private final FeedEventDecoder decoder;

	private final FeedProperties properties;

	private final FeedMetrics metrics;

	private final Admission admission;

	private final byte[] retryFrame;

	private final Object lock = new Object();

	private final Set<FeedSubscriber> subscribers = ConcurrentHashMap.newKeySet();

	/** The temporary cursors of subscribers still catching up, closed when they leave. */
	private final java.util.Map<FeedSubscriber, Disposable> catchUps = new ConcurrentHashMap<>();

	private final ReplayRing ring;

	private Disposable stream;

	private Disposable pendingClose;

	private BsonDocument lastToken;

	private int failures;

	private boolean stopped;

	private volatile State state = State.CLOSED;

	private volatile Instant failingSince;

	SharedStream(Feed feed, MongoCollection<Document> collection, FeedEventDecoder decoder,
			FeedProperties properties, FeedMetrics metrics, Admission admission) {
		this.feed = feed;
		this.admission = admission;
		this.collection = collection;
		this.decoder = decoder;
		this.properties = properties;
		this.metrics = metrics;
		this.ring = new ReplayRing(properties.replaySize());
		this.retryFrame = ("retry: " + properties.retry().toMillis() + "\n\n").getBytes(StandardCharsets.UTF_8);
	}

	void subscribe(FeedSubscriber subscriber, String lastEventId) {
		boolean catchUp = false;
		synchronized (this.lock) {
			if (this.stopped) {
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
		Disposable catchUp = this.catchUps.remove(subscriber);
		if (catchUp != null) {
			catchUp.dispose();
		}
		synchronized (this.lock) {
			this.subscribers.remove(subscriber);
			if (this.subscribers.isEmpty() && this.stream != null && this.pendingClose == null && !this.stopped) {
				this.pendingClose = Mono.delay(this.properties.gracePeriod()).subscribe((tick) -> closeIfIdle());
			}
		}
	}

	void heartbeat() {
		synchronized (this.lock) {
			for (FeedSubscriber subscriber : this.subscribers) {
				offer(subscriber, FeedSubscriber.HEARTBEAT);
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
		return this.failingSince;
	}

	private void open(BsonDocument resumeAfter) {
		ChangeStreamPublisher<Document> changes = this.collection.watch(this.feed.pipeline())
			.fullDocument(FullDocument.UPDATE_LOOKUP)
			.maxAwaitTime(this.properties.maxAwait().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
		if (resumeAfter != null) {
			changes = changes.resumeAfter(resumeAfter);
		}
		this.state = State.OPEN;
		this.stream = Flux.from(changes).subscribe(this::dispatch, this::failed,
				() -> failed(new IllegalStateException("the change stream ended")));
		log.info("Opened the shared change stream on {}{}", this.feed.collection(),
				resumeAfter != null ? " (resuming)" : "");
	}

	private void dispatch(ChangeStreamDocument<Document> change) {
		FeedEvent event = this.decoder.decode(this.feed, change);
		this.metrics.lag(this.feed, event.clusterTime());
		synchronized (this.lock) {
			if (this.stopped) {
				return;
			}
			if (this.failingSince != null) {
				log.info("The change stream on {} is flowing again", this.feed.collection());
			}
			this.lastToken = change.getResumeToken();
			this.failures = 0;
			this.failingSince = null;
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
			if (this.failingSince == null) {
				this.failingSince = Instant.now();
			}
			this.metrics.restart(this.feed);
			if (historyLost(error)) {
				this.lastToken = null;
				this.ring.clear();
				resyncAll("the change history this feed was reading from is gone; reload and continue");
			}
			Duration delay = backoff(this.failures++);
			log.info("The change stream on {} stopped ({}); reopening in {} ms", this.feed.collection(), reason(error),
					delay.toMillis());
			BsonDocument resumeFrom = this.lastToken;
			Mono.delay(delay).subscribe((tick) -> reopen(resumeFrom));
		}
	}

	private void reopen(BsonDocument resumeFrom) {
		synchronized (this.lock) {
			if (this.stopped || this.stream != null) {
				return;
			}
			if (this.subscribers.isEmpty()) {
				this.state = State.CLOSED;
				this.failingSince = null;
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
		this.failingSince = null;
		this.lastToken = null;
		this.ring.clear();
	}

	/** Sends the ring's events after the token, then makes the subscriber live. Under the lock. */
	private void replay(FeedSubscriber subscriber, String token) {
		for (FeedEvent event : this.ring.after(token)) {
			if (this.feed.accepts(subscriber, event)) {
				offer(subscriber, event.frame());
			}
		}
		subscriber.goLive();
	}

	/**
	 * Reads what the subscriber missed from a temporary cursor of its own, until the cursor
	 * reaches an event the ring holds; from there the ring and the live stream take over and the
	 * cursor is closed. A resume point the server no longer has gets a resync, then live events;
	 * so does a subscriber arriving when the instance already has all the catch-up cursors it
	 * allows open, since each holds a database connection while it waits.
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
		BsonDocument resumeAfter = new BsonDocument("_data", new BsonString(token));
		Disposable cursor = Flux.from(this.collection.watch(this.feed.pipeline())
			.fullDocument(FullDocument.UPDATE_LOOKUP)
			.maxAwaitTime(this.properties.maxAwait().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
			.resumeAfter(resumeAfter))
			.map((change) -> this.decoder.decode(this.feed, change))
			.takeWhile((event) -> !subscriber.isClosed() && !subscriber.isLive())
			.doFinally((signal) -> place.get().release())
			.subscribe((event) -> {
				synchronized (this.lock) {
					if (subscriber.isLive() || subscriber.isClosed()) {
						return;
					}
					if (this.feed.accepts(subscriber, event)) {
						offer(subscriber, event.frame());
					}
					if (this.ring.contains(event.token())) {
						replay(subscriber, event.token());
						Disposable done = this.catchUps.remove(subscriber);
						if (done != null) {
							done.dispose();
						}
					}
				}
			}, (error) -> {
				synchronized (this.lock) {
					resync(subscriber, historyLost(error)
							? "the events after your last id are no longer kept; reload and continue"
							: "your last id is not one this feed can resume from; reload and continue");
					subscriber.goLive();
				}
				this.catchUps.remove(subscriber);
			});
		if (!cursor.isDisposed()) {
			this.catchUps.put(subscriber, cursor);
		}
	}

	private void resyncAll(String reason) {
		for (FeedSubscriber subscriber : this.subscribers) {
			resync(subscriber, reason);
		}
	}

	private void resync(FeedSubscriber subscriber, String reason) {
		this.metrics.resync(this.feed);
		offer(subscriber, ("event: resync\ndata: {\"reason\":\"" + reason + "\"}\n\n").getBytes(StandardCharsets.UTF_8));
	}

	private boolean offer(FeedSubscriber subscriber, byte[] frame) {
		boolean wasClosed = subscriber.isClosed();
		boolean offered = subscriber.offer(frame);
		if (!offered && !wasClosed) {
			this.metrics.slowDisconnect(this.feed);
		}
		return offered;
	}

	private Duration backoff(int attempt) {
		long millis = 100L << Math.min(attempt, 16);
		return Duration.ofMillis(Math.min(millis, this.properties.maxBackoff().toMillis()));
	}

	static boolean historyLost(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof MongoException mongo && HISTORY_LOST.contains(mongo.getCode())) {
				return true;
			}
		}
		return false;
	}

	private static String reason(Throwable error) {
		return error.getClass().getSimpleName()
				+ (error instanceof MongoException mongo ? " code " + mongo.getCode() : "");
	}

}
