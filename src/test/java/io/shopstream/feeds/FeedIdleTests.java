package io.shopstream.feeds;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.shopstream.support.Catalogue;
import io.shopstream.support.Fixtures;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With all three feeds open and nothing changing, the change-stream cursors wait on the
 * embedded server instead of polling it: each sends about one {@code getMore} per
 * {@code maxAwait} (one second), where a busy-polling server draws thousands a second. A change
 * after the quiet spell still arrives. What idling costs in CPU, and how quickly a change
 * arrives, is measured by {@code FeedIdleBenchmark} (docs/BENCHMARKS.md).
 */
class FeedIdleTests extends FeedStreamSupport {

	private static final int QUIET_SECONDS = 4;

	@Test
	void idle_change_streams_wait_on_the_server_instead_of_polling_it() throws Exception {
		String sku = Fixtures.unique("IDLE-");
		Catalogue.stock(this.admin, sku, 1);
		AtomicInteger connected = new AtomicInteger();
		AtomicInteger received = new AtomicInteger();
		List<Disposable> feeds = List.of(subscribe("/api/v1/feeds/users", this.adminToken, connected, null),
				subscribe("/api/v1/feeds/orders", this.adminToken, connected, null),
				subscribe("/api/v1/feeds/inventory?sku=" + sku, null, connected, received));
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> connected.get() == 3 && openStreams() >= 3);
			Thread.sleep(1000);

			int before = this.commands.changeStreamGetMores();
			Thread.sleep(QUIET_SECONDS * 1000L);
			int getMores = this.commands.changeStreamGetMores() - before;

			assertThat(getMores).as("getMores from three idle change streams in %d s", QUIET_SECONDS)
				.isPositive()
				.isLessThanOrEqualTo(3 * (QUIET_SECONDS + 2));
			adjust(sku, 1);
			await().atMost(Duration.ofSeconds(10)).until(() -> received.get() == 1);
		}
		finally {
			feeds.forEach(Disposable::dispose);
		}
	}

}
