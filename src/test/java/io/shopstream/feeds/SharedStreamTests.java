package io.shopstream.feeds;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.MongoException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shopstream.platform.limits.Admission;
import io.shopstream.platform.limits.LimitsProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared stream's logic, without Spring or a database: its change streams come from a
 * {@link FakeChangeSource} the test drives, and its grace period and backoff run on
 * virtual time. Each frame a subscriber gets is shown as a label: {@code retry},
 * {@code resync}, or the event's id.
 */
class SharedStreamTests {

	private static final Duration GRACE_PERIOD = Duration.ofSeconds(10);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

	private static final Duration ONE_MS = Duration.ofMillis(1);

	private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

	private final FakeChangeSource changes = new FakeChangeSource();

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private MeterRegistry limitMeters;

	private Admission admission = admission(2);

	private SharedStream stream = stream(100);

	@AfterEach
	void stopStream() {
		this.stream.stop();
		this.time.dispose();
	}

	@Test
	void replays_what_a_subscriber_missed_from_the_ring_then_goes_live() {
		join(null);
		FakeChangeSource.Cursor shared = this.changes.last();
		shared.send(event(1), event(2), event(3));

		Reader back = join("T002");
		shared.send(event(4));

		assertThat(back.seen()).containsExactly("T003", "T004");
		assertThat(this.changes.cursors()).as("no cursor but the shared one").hasSize(1);
	}

	@Test
	void hands_over_from_catch_up_to_live_without_gap_or_duplicate() {
		this.stream = stream(3);
		join(null);
		FakeChangeSource.Cursor shared = this.changes.last();
		shared.send(event(1), event(2), event(3), event(4), event(5), event(6));

		Reader back = join("T001");
		FakeChangeSource.Cursor catchUp = this.changes.last();
		assertThat(catchUp).isNotSameAs(shared);
		assertThat(catchUp.resumeAfter()).isEqualTo("T001");
		shared.send(event(7));
		assertThat(back.seen()).as("nothing live before the hand-over").isEmpty();
		catchUp.send(event(2), event(3), event(4));
		catchUp.send(event(5));
		shared.send(event(8));
		catchUp.send(event(6));

		assertThat(back.seen()).containsExactly("T002", "T003", "T004", "T005", "T006", "T007", "T008");
		assertThat(catchUp.isClosed()).as("the catch-up cursor is closed at the hand-over").isTrue();
		assertThat(catchUpPlacesInUse()).isZero();
	}

	@Test
	void a_subscriber_that_left_before_it_was_registered_is_never_kept() {
		join(null);
		FakeChangeSource.Cursor shared = this.changes.last();
		shared.send(event(1));
		FeedSubscriber gone = subscriber();
		this.stream.unsubscribe(gone);
		this.stream.subscribe(gone, null);
		FeedSubscriber goneWhileResuming = subscriber();
		this.stream.unsubscribe(goneWhileResuming);
		this.stream.subscribe(goneWhileResuming, "T000");

		assertThat(this.stream.subscriberCount()).as("only the first reader").isEqualTo(1);
		assertThat(this.changes.cursors()).as("no catch-up cursor opened for nobody").hasSize(1);
		assertThat(catchUpPlacesInUse()).isZero();
	}

	@Test
	void a_catch_up_cursor_whose_history_is_gone_sends_resync_then_live_events() {
		join(null);
		FakeChangeSource.Cursor shared = this.changes.last();
		shared.send(event(1));
		Reader back = join("T000");

		this.changes.last().fail(new MongoException(286, "ChangeStreamHistoryLost"));
		shared.send(event(2));

		assertThat(back.seen()).containsExactly("resync", "T002");
		assertThat(back.frames()).anyMatch((frame) -> frame.contains("no longer kept"));
		assertThat(catchUpPlacesInUse()).isZero();
	}

	@Test
	void a_shared_stream_whose_history_is_gone_tells_every_subscriber_to_resync_and_starts_afresh() {
		Reader first = join(null);
		Reader second = join(null);
		this.changes.last().send(event(1));

		this.changes.last().fail(new MongoException(286, "ChangeStreamHistoryLost"));
		this.time.advanceTimeBy(Backoff.FIRST);
		FakeChangeSource.Cursor reopened = this.changes.last();
		reopened.send(event(2));

		assertThat(this.changes.cursors()).hasSize(2);
		assertThat(reopened.resumeAfter()).as("no resuming from a history that is gone").isNull();
		assertThat(first.seen()).containsExactly("T001", "resync", "T002");
		assertThat(second.seen()).containsExactly("T001", "resync", "T002");
	}

	@Test
	void a_failed_shared_stream_reopens_after_its_last_event_and_subscribers_miss_nothing() {
		Reader reader = join(null);
		this.changes.last().send(event(1));

		this.changes.last().fail(new MongoException(6, "HostUnreachable"));
		assertThat(this.stream.state()).isEqualTo(SharedStream.State.RETRYING);
		assertThat(this.stream.failingSince()).isEqualTo(this.clock.instant());
		this.time.advanceTimeBy(Backoff.FIRST);
		FakeChangeSource.Cursor reopened = this.changes.last();
		reopened.send(event(2));

		assertThat(reopened.resumeAfter()).isEqualTo("T001");
		assertThat(reader.seen()).containsExactly("T001", "T002");
		assertThat(this.stream.isOpen()).isTrue();
		assertThat(this.stream.failingSince()).as("flowing again").isNull();
	}

	@Test
	void backoff_doubles_from_100_ms_up_to_max_backoff_and_starts_again_once_an_event_flows() {
		join(null);
		for (long millis : new long[] { 100, 200, 400, 800, 1000, 1000 }) {
			this.changes.last().fail(new MongoException(6, "HostUnreachable"));
			assertReopensAfter(Duration.ofMillis(millis));
		}
		this.changes.last().send(event(1));
		this.changes.last().fail(new MongoException(6, "HostUnreachable"));
		assertReopensAfter(Duration.ofMillis(100));
	}

	@Test
	void closes_the_change_stream_a_grace_period_after_the_last_subscriber_leaves_and_not_before() {
		Reader reader = join(null);
		FakeChangeSource.Cursor shared = this.changes.last();

		this.stream.unsubscribe(reader.subscriber);
		this.time.advanceTimeBy(GRACE_PERIOD.minus(ONE_MS));
		assertThat(shared.isClosed()).as("within the grace period").isFalse();
		assertThat(this.stream.isOpen()).isTrue();

		this.time.advanceTimeBy(ONE_MS);
		assertThat(shared.isClosed()).as("after the grace period").isTrue();
		assertThat(this.stream.state()).isEqualTo(SharedStream.State.CLOSED);
	}

	@Test
	void a_subscriber_joining_within_the_grace_period_keeps_the_change_stream_open() {
		Reader reader = join(null);
		FakeChangeSource.Cursor shared = this.changes.last();

		this.stream.unsubscribe(reader.subscriber);
		this.time.advanceTimeBy(GRACE_PERIOD.minusSeconds(1));
		join(null);
		this.time.advanceTimeBy(GRACE_PERIOD.multipliedBy(2));

		assertThat(shared.isClosed()).isFalse();
		assertThat(this.changes.cursors()).hasSize(1);
	}

	@Test
	void a_malformed_last_event_id_gets_resync_and_live_events_without_any_cursor() {
		join(null);
		FakeChangeSource.Cursor shared = this.changes.last();
		shared.send(event(1));
		FeedSubscriber back = subscriber();

		StepVerifier.create(back.frames().map(SharedStreamTests::label))
			.then(() -> this.stream.subscribe(back, "not a token!"))
			.expectNext("retry", "resync")
			.then(() -> shared.send(event(2)))
			.expectNext("T002")
			.then(() -> {
				assertThat(this.changes.cursors()).as("no cursor but the shared one").hasSize(1);
				assertThat(catchUpPlacesInUse()).isZero();
			})
			.thenCancel()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void a_subscriber_finding_no_free_catch_up_place_gets_resync_and_goes_live() {
		this.admission = admission(1);
		this.stream = stream(100);
		join(null);
		FakeChangeSource.Cursor shared = this.changes.last();
		Reader catchingUp = join("T000");
		Reader turnedAway = join("T000");
		shared.send(event(1));

		assertThat(this.changes.cursors()).as("the shared cursor and one catch-up cursor").hasSize(2);
		assertThat(turnedAway.seen()).containsExactly("resync", "T001");
		assertThat(turnedAway.frames()).anyMatch((frame) -> frame.contains("too many subscribers are catching up"));
		assertThat(catchingUp.seen()).isEmpty();
	}

	@Test
	void the_catch_up_place_is_given_back_when_its_subscriber_leaves() {
		this.admission = admission(1);
		this.stream = stream(100);
		join(null);
		Reader catchingUp = join("T000");
		FakeChangeSource.Cursor catchUp = this.changes.last();
		assertThat(catchUpPlacesInUse()).isOne();

		this.stream.unsubscribe(catchingUp.subscriber);
		Reader next = join("T000");

		assertThat(catchUp.isClosed()).isTrue();
		assertThat(this.changes.cursors()).hasSize(3);
		assertThat(next.seen()).as("a place was free again").isEmpty();
		assertThat(catchUpPlacesInUse()).isOne();
	}

	@Test
	void no_frame_reaches_a_subscriber_before_the_stream_knows_where_it_starts() {
		this.changes.holdClusterTime();
		Reader early = join(null);
		Reader resuming = join("not a token!");
		this.stream.heartbeat();

		assertThat(early.frames()).as("no frame while the cluster's time is being read").isEmpty();
		assertThat(resuming.frames()).isEmpty();
		assertThat(this.changes.cursors()).as("no cursor yet").isEmpty();

		this.changes.answerClusterTime(FakeChangeSource.NOW);
		FakeChangeSource.Cursor shared = this.changes.last();
		assertThat(shared.afterTime()).as("the stream starts after the time read before any first frame")
			.isEqualTo(FakeChangeSource.NOW);
		assertThat(early.frames()).hasSize(1).first().asString().startsWith("retry:");
		assertThat(resuming.seen()).containsExactly("resync");

		Reader later = join(null);
		assertThat(later.frames()).as("the stream is open: the first frame at once").hasSize(1);
		shared.send(event(1));
		assertThat(early.seen()).containsExactly("T001");
		assertThat(later.seen()).containsExactly("T001");
	}

	@Test
	void a_subscriber_that_left_while_the_stream_was_opening_gets_nothing_and_the_stream_closes() {
		this.changes.holdClusterTime();
		Reader gone = join(null);
		this.stream.unsubscribe(gone.subscriber);
		this.changes.answerClusterTime(FakeChangeSource.NOW);
		this.time.advanceTimeBy(GRACE_PERIOD);

		assertThat(gone.frames()).isEmpty();
		assertThat(this.stream.state()).isEqualTo(SharedStream.State.CLOSED);
		assertThat(this.changes.cursors()).allMatch(FakeChangeSource.Cursor::isClosed);
	}

	@Test
	void a_stream_that_failed_before_its_first_event_reopens_after_the_time_it_started_from() {
		join(null);
		FakeChangeSource.Cursor first = this.changes.last();
		first.fail(new MongoException(6, "HostUnreachable"));
		Reader meanwhile = join(null);
		assertThat(meanwhile.frames()).as("covered by the reopening: its first frame at once").hasSize(1);

		this.time.advanceTimeBy(Backoff.FIRST);
		FakeChangeSource.Cursor reopened = this.changes.last();
		assertThat(reopened).isNotSameAs(first);
		assertThat(reopened.resumeAfter()).isNull();
		assertThat(reopened.afterTime()).isEqualTo(FakeChangeSource.NOW);
	}

	private void assertReopensAfter(Duration pause) {
		int opened = this.changes.cursors().size();
		this.time.advanceTimeBy(pause.minus(ONE_MS));
		assertThat(this.changes.cursors()).as("reopened before %s", pause).hasSize(opened);
		this.time.advanceTimeBy(ONE_MS);
		assertThat(this.changes.cursors()).as("reopened after %s", pause).hasSize(opened + 1);
	}

	private Reader join(String lastEventId) {
		Reader reader = new Reader(subscriber());
		this.stream.subscribe(reader.subscriber, lastEventId);
		return reader;
	}

	private SharedStream stream(int replaySize) {
		FeedProperties properties = new FeedProperties(Duration.ofSeconds(15), replaySize, 1024, GRACE_PERIOD,
				MAX_BACKOFF, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(3),
				DataSize.ofKilobytes(64));
		return new SharedStream(Feed.inventory, this.changes, properties, new FeedMetrics(this.meters, this.clock),
				this.admission, this.clock, this.time);
	}

	/** Admission with this many catch-up places, its gauges in a registry of its own. */
	private Admission admission(int catchUpCursors) {
		this.limitMeters = new SimpleMeterRegistry();
		return new Admission(new LimitsProperties(0, DataSize.ofKilobytes(24), 0.5, 0, 0, 0, 0, 0, 4, 2, 2,
				catchUpCursors, DataSize.ofMegabytes(1), Duration.ofSeconds(5), 100_000), this.limitMeters);
	}

	private double catchUpPlacesInUse() {
		return this.limitMeters.get("shopstream.limits.in_use").tag("limit", "catch-up-cursors").gauge().value();
	}

	private FeedEvent event(int number) {
		String token = "T%03d".formatted(number);
		return new FeedEvent(token, "update", this.clock.instant(), "item-" + number, null,
				SseFrames.event(token, "update", "{}"));
	}

	private static FeedSubscriber subscriber() {
		return new FeedSubscriber(null, new FeedFilter(Map.of()), 1024, () -> {
		});
	}

	private static String label(byte[] frame) {
		String text = new String(frame, StandardCharsets.UTF_8);
		if (text.startsWith("retry:")) {
			return "retry";
		}
		if (text.startsWith("event: resync")) {
			return "resync";
		}
		if (text.startsWith("id: ")) {
			return text.substring(4, text.indexOf('\n'));
		}
		return text.strip();
	}

	/** A subscriber and every frame it got, as text. */
	private static final class Reader {

		private final FeedSubscriber subscriber;

		private final List<String> frames = new CopyOnWriteArrayList<>();

		Reader(FeedSubscriber subscriber) {
			this.subscriber = subscriber;
			subscriber.frames().map((frame) -> new String(frame, StandardCharsets.UTF_8)).subscribe(this.frames::add);
		}

		List<String> frames() {
			return this.frames;
		}

		/** What it got after the retry frame, as labels. */
		List<String> seen() {
			return this.frames.stream()
				.map((frame) -> label(frame.getBytes(StandardCharsets.UTF_8)))
				.filter((label) -> !label.equals("retry"))
				.toList();
		}

	}

}
