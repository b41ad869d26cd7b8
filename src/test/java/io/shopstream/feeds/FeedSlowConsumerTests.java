package io.shopstream.feeds;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.shopstream.support.Catalogue;
import io.shopstream.support.Fixtures;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One subscriber that never reads while 50 others take 5 000 events: the 50 get every
 * event, in order; the stalled one is cut off once its queue is full; the heap stays
 * bounded. How quickly the 50 get them, with and without a stalled neighbour, is measured
 * by {@code FeedSlowConsumerBenchmark} (docs/BENCHMARKS.md), not asserted here.
 */
class FeedSlowConsumerTests extends FeedStreamSupport {

	private static final int SUBSCRIBERS = 50;

	private static final int EVENTS = 5000;

	@Test
	void a_stalled_subscriber_is_cut_off_and_everybody_else_gets_every_event() throws Exception {
		String sku = Fixtures.unique("SLOW-");
		Catalogue.stock(this.admin, sku, 0);
		String path = "/api/v1/feeds/inventory?sku=" + sku;
		long heapBefore = usedHeapAfterGc();
		double cutBefore = this.meters.get("shopstream.feeds.disconnects.slow")
			.tag("feed", "inventory")
			.counter()
			.count();

		List<Reader> received = new ArrayList<>();
		AtomicInteger connected = new AtomicInteger();
		List<Disposable> readers = new ArrayList<>();
		for (int i = 0; i < SUBSCRIBERS; i++) {
			Reader reader = new Reader();
			received.add(reader);
			readers.add(this.sse.events(path, null, null, null).subscribe((event) -> {
				if (event.event() == null) {
					if (event.retry() != null) {
						connected.incrementAndGet();
					}
					return;
				}
				reader.got(event.id());
			}));
		}
		try (Socket stalled = stalledSubscriber(path)) {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> connected.get() == SUBSCRIBERS && this.meters.get("shopstream.feeds.subscribers")
					.tag("feed", "inventory")
					.gauge()
					.value() >= SUBSCRIBERS + 1);

			changeStockDirectly(sku, EVENTS);
			await().atMost(Duration.ofSeconds(60)).until(() -> received.stream().allMatch((r) -> r.count() >= EVENTS));

			for (Reader reader : received) {
				assertThat(reader.count()).isEqualTo(EVENTS);
				assertThat(reader.inOrder()).as("ids strictly increasing, so none repeated").isTrue();
			}
			assertThat(this.meters.get("shopstream.feeds.disconnects.slow").tag("feed", "inventory").counter().count())
				.isGreaterThan(cutBefore);
			assertThat(readsToEnd(stalled)).as("the stalled connection is closed by the server").isTrue();
		}
		finally {
			readers.forEach(Disposable::dispose);
		}
		long heapGrowth = usedHeapAfterGc() - heapBefore;
		assertThat(heapGrowth).as("heap growth in bytes").isLessThan(64L * 1024 * 1024);
	}

	/**
	 * Drains what the kernel buffered and reports whether the server closed the
	 * connection.
	 */
	private static boolean readsToEnd(Socket socket) throws Exception {
		socket.setSoTimeout(15_000);
		InputStream in = socket.getInputStream();
		byte[] buffer = new byte[64 * 1024];
		try {
			while (true) {
				if (in.read(buffer) < 0) {
					return true;
				}
			}
		}
		catch (SocketException ex) {
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
	}

	private static long usedHeapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/**
	 * What one reader got: how many events, and whether each id came after the previous
	 * one (the embedded back-end's tokens sort in oplog order), without keeping them all.
	 */
	private static final class Reader {

		private int count;

		private String last = "";

		private boolean inOrder = true;

		synchronized void got(String id) {
			this.inOrder &= id.compareTo(this.last) > 0;
			this.last = id;
			this.count++;
		}

		synchronized int count() {
			return this.count;
		}

		synchronized boolean inOrder() {
			return this.inOrder;
		}

	}

}
