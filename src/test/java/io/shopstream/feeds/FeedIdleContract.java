package io.shopstream.feeds;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.shopstream.inventory.InventorySchema;
import io.shopstream.orders.OrderSchema;
import io.shopstream.support.Catalogue;
import io.shopstream.support.Fixtures;
import io.shopstream.users.UserSchema;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With all three feeds open and nothing changing, the change-stream cursors wait on the
 * server instead of polling it: each sends about one {@code getMore} per {@code maxAwait}
 * (one second), where a busy-polling server draws thousands a second. The count is taken
 * over a quiet spell that starts once every cursor is waiting on the server, and must
 * stay within bounds for all of it. A change after the quiet spell still arrives. What
 * idling costs in CPU, and how quickly a change arrives, is measured by
 * {@code FeedIdleBenchmark} (docs/BENCHMARKS.md). Run on the embedded back-end, whose
 * waiting is Shopstream's own, by {@link FeedIdleTests}, and on a real MongoDB by
 * {@link FeedIdleOnMongoDbTests}.
 */
abstract class FeedIdleContract extends FeedStreamSupport {

	private static final int QUIET_SECONDS = 4;

	@Test
	void idle_change_streams_wait_on_the_server_instead_of_polling_it() {
		String sku = Fixtures.unique("IDLE-");
		Catalogue.stock(this.admin, sku, 1);
		AtomicInteger connected = new AtomicInteger();
		AtomicInteger received = new AtomicInteger();
		List<String> collections = List.of(UserSchema.COLLECTION, OrderSchema.COLLECTION, InventorySchema.COLLECTION);
		List<Integer> getMoresBefore = collections.stream().map(this.commands::changeStreamGetMores).toList();
		List<Disposable> feeds = List.of(subscribe("/api/v1/feeds/users", this.adminToken, connected, null),
				subscribe("/api/v1/feeds/orders", this.adminToken, connected, null),
				subscribe("/api/v1/feeds/inventory?sku=" + sku, null, connected, received));
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> connected.get() == 3 && openStreams() >= 3);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> IntStream.range(0, collections.size())
					.allMatch((i) -> this.commands.changeStreamGetMores(collections.get(i)) > getMoresBefore.get(i)));

			int before = this.commands.changeStreamGetMores();
			int bound = 3 * (QUIET_SECONDS + 2);
			await().during(Duration.ofSeconds(QUIET_SECONDS))
				.atMost(Duration.ofSeconds(QUIET_SECONDS + 2))
				.until(() -> this.commands.changeStreamGetMores() - before <= bound);
			int getMores = this.commands.changeStreamGetMores() - before;

			assertThat(getMores).as("getMores from three idle change streams in %d s", QUIET_SECONDS)
				.isPositive()
				.isLessThanOrEqualTo(bound);
			adjust(sku, 1);
			await().atMost(Duration.ofSeconds(10)).until(() -> received.get() == 1);
		}
		finally {
			feeds.forEach(Disposable::dispose);
		}
	}

}
