package io.shopstream.feeds;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
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
 * event, in the order a change stream of the test's own reads them; the stalled one is
 * cut off once its queue is full; the heap stays bounded. How quickly the 50 get them,
 * with and without a stalled neighbour, is measured by {@code FeedSlowConsumerBenchmark}
 * (docs/BENCHMARKS.md), not asserted here. Run on the embedded back-end by
 * {@link FeedSlowConsumerTests} and on a real MongoDB by
 * {@link FeedSlowConsumerOnMongoDbTests}.
 */
abstract class FeedSlowConsumerContract extends FeedStreamSupport {

	private static final int SUBSCRIBERS = 50;

	private static final int EVENTS = 5000;

	@Test
	void a_stalled_subscriber_is_cut_off_and_everybody_else_gets_every_event() throws Exception {
		String sku = Fixtures.unique("SLOW-");
		Catalogue.stock(this.admin, sku, 0);
		String path = "/api/v1/feeds/inventory?sku=" + sku;
		ReferenceChangeStream reference = referenceStream(sku);
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

			List<String> truth = reference.ids(EVENTS, Duration.ofSeconds(60));
			assertThat(truth).hasSize(EVENTS).doesNotHaveDuplicates();
			String expected = Reader.fingerprint(truth);
			for (Reader reader : received) {
				assertThat(reader.count()).isEqualTo(EVENTS);
				assertThat(reader.fingerprint()).as("the reference's ids, each once, in its order").isEqualTo(expected);
			}
			assertThat(this.meters.get("shopstream.feeds.disconnects.slow").tag("feed", "inventory").counter().count())
				.isGreaterThan(cutBefore);
			assertThat(readsToEnd(stalled)).as("the stalled connection is closed by the server").isTrue();
		}
		finally {
			readers.forEach(Disposable::dispose);
			reference.close();
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
	 * What one reader got: how many events, and a digest of their ids in the order they
	 * came, which is the reference's only if none was lost, repeated or moved; without
	 * keeping the ids, which would weigh on the heap being measured.
	 */
	private static final class Reader {

		private final MessageDigest digest;

		private int count;

		Reader() {
			try {
				this.digest = MessageDigest.getInstance("SHA-256");
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		static String fingerprint(List<String> ids) {
			Reader reader = new Reader();
			ids.forEach(reader::got);
			return reader.fingerprint();
		}

		synchronized void got(String id) {
			this.digest.update(id.getBytes(StandardCharsets.UTF_8));
			this.digest.update((byte) '\n');
			this.count++;
		}

		synchronized int count() {
			return this.count;
		}

		/** The digest of the ids so far; read once, at the end. */
		synchronized String fingerprint() {
			return HexFormat.of().formatHex(this.digest.digest());
		}

	}

}
