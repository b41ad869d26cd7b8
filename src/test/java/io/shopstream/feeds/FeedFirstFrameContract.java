package io.shopstream.feeds;

import java.time.Duration;

import io.shopstream.support.Catalogue;
import io.shopstream.support.Fixtures;
import io.shopstream.support.SseClient;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A subscriber's first frame means "every change from now on reaches you", even when it
 * is the one that opens the shared stream: a write made the moment that frame arrives is
 * delivered, round after round. Each round starts with the stream closed (a short grace
 * period), so the stream opens from scratch every time. Run on the embedded back-end by
 * {@link FeedFirstFrameTests} and on a real MongoDB by
 * {@link FeedFirstFrameOnMongoDbTests}.
 */
abstract class FeedFirstFrameContract extends FeedClients {

	static final String SHORT_GRACE = "shopstream.feeds.grace-period=100ms";

	private static final int ROUNDS = 5;

	@Autowired
	ChangeFeedHub hub;

	@Test
	void a_write_made_right_after_the_first_frame_is_delivered_even_to_the_subscriber_that_opened_the_stream() {
		String sku = Fixtures.unique("FIRST-");
		Catalogue.stock(this.admin, sku, 1);
		for (int round = 1; round <= ROUNDS; round++) {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.hub.streams().get(Feed.inventory).state() == SharedStream.State.CLOSED);
			int expected = 1 + round;
			StepVerifier
				.create(this.sse.events("/api/v1/feeds/inventory?sku=" + sku, null, null, null)
					.filter((frame) -> frame.retry() != null || SseClient.isEvent(frame)))
				.assertNext((first) -> assertThat(first.retry()).as("the first frame").isNotNull())
				.then(() -> adjust(sku))
				.assertNext((update) -> assertThat(update.data()).as("round %d", expected)
					.contains("\"available\":" + expected))
				.thenCancel()
				.verify(Duration.ofSeconds(10));
		}
	}

	private void adjust(String sku) {
		this.admin.post()
			.uri("/api/v1/inventory/{sku}/adjust", sku)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"delta\": 1}")
			.exchange()
			.expectStatus()
			.isOk();
	}

}
