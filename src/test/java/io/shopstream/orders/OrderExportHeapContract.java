package io.shopstream.orders;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.shopstream.support.Accounts;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export streams 100 000 orders in constant memory: the heap in use after each full
 * GC, sampled while the export runs, stays within a small margin of the heap before it
 * started, although the export itself is several times that size. Run on the embedded
 * back-end by {@link OrderExportHeapTests} and on a real MongoDB by
 * {@link OrderExportHeapOnMongoDbTests}.
 */
@DirtiesContext
abstract class OrderExportHeapContract {

	private static final int ORDERS = 100_000;

	@Autowired
	WebTestClient anonymous;

	@Autowired
	ReactiveMongoTemplate mongo;

	@LocalServerPort
	int port;

	@Test
	void exporting_100_000_orders_keeps_the_heap_flat() {
		ObjectId customer = insertOrders();
		String token = Accounts.login(this.anonymous, Accounts.ADMIN_LOGIN, Accounts.ADMIN_PASSWORD);
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long baseline = usedAfterGc(memory);
		AtomicLong bytes = new AtomicLong();
		AtomicLong lines = new AtomicLong();
		List<Long> samples = new ArrayList<>();
		WebClient.create("http://localhost:" + this.port)
			.get()
			.uri("/api/v1/orders/export?user_id=" + customer.toHexString())
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.retrieve()
			.bodyToFlux(DataBuffer.class)
			.doOnNext((buffer) -> {
				for (int i = buffer.readPosition(); i < buffer.writePosition(); i++) {
					if (buffer.getByte(i) == '\n') {
						if (lines.incrementAndGet() % 20_000 == 0) {
							samples.add(usedAfterGc(memory) - baseline);
						}
					}
				}
				bytes.addAndGet(buffer.readableByteCount());
				DataBufferUtils.release(buffer);
			})
			.then()
			.block(Duration.ofMinutes(5));
		assertThat(lines.get()).isEqualTo(ORDERS);
		long exported = bytes.get();
		long worst = samples.stream().mapToLong(Long::longValue).max().orElseThrow();
		System.out.printf(
				"[shopstream] export of %d orders, %d bytes; heap growth after GC while streaming: %s bytes%n",
				lines.get(), exported, samples);
		assertThat(samples).hasSizeGreaterThanOrEqualTo(4);
		assertThat(worst).as("heap growth %d bytes while exporting %d bytes", worst, exported).isLessThan(exported / 4);
	}

	/**
	 * Inserts the orders, all of one new customer, whose id it returns; their numbers
	 * carry the customer's id, so a second run against the same server finds them unused.
	 */
	private ObjectId insertOrders() {
		ObjectId user = new ObjectId();
		Date now = new Date();
		Flux.range(0, ORDERS / 1000).concatMap((batch) -> {
			List<Document> orders = new ArrayList<>(1000);
			for (int i = 0; i < 1000; i++) {
				int n = batch * 1000 + i;
				orders.add(
						new Document("order_number", "ORD-1999-%s-%06d".formatted(user.toHexString(), n))
							.append("user",
									new Document("_id", user).append("email", "bulk@example.com")
										.append("name", "Bulk"))
							.append("items",
									List.of(new Document("sku", "BULK-" + (n % 50)).append("name", "Bulk item")
										.append("price", new Decimal128(new BigDecimal("12.34")))
										.append("quantity", 1)
										.append("subtotal", new Decimal128(new BigDecimal("12.34")))))
							.append("totals",
									new Document("subtotal", new Decimal128(new BigDecimal("12.34")))
										.append("discount", new Decimal128(BigDecimal.ZERO))
										.append("tax", new Decimal128(new BigDecimal("0.99")))
										.append("shipping", new Decimal128(new BigDecimal("5.00")))
										.append("total", new Decimal128(new BigDecimal("18.33")))
										.append("currency", "USD"))
							.append("status", "delivered")
							.append("created_at", now)
							.append("updated_at", now));
			}
			return this.mongo.getCollection(OrderSchema.COLLECTION)
				.flatMap((collection) -> Mono.from(collection.insertMany(orders)));
		}).then().block(Duration.ofMinutes(5));
		return user;
	}

	private static long usedAfterGc(MemoryMXBean memory) {
		System.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

}
