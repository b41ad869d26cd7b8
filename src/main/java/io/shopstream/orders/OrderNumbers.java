package io.shopstream.orders;

import java.time.Clock;
import java.time.ZoneOffset;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Human-readable order numbers, {@code ORD-2026-000123}: a per-year counter in
 * {@code order_counters}, incremented atomically, so numbers are unique across replicas.
 */
@Component
class OrderNumbers {

	private final ReactiveMongoTemplate template;

	private final Clock clock;

	OrderNumbers(ReactiveMongoTemplate template, Clock clock) {
		this.template = template;
		this.clock = clock;
	}

	Mono<String> next() {
		int year = this.clock.instant().atZone(ZoneOffset.UTC).getYear();
		return reserve(year, 1).map((first) -> format(year, first));
	}

	/**
	 * Takes {@code count} consecutive numbers of that year at once; returns the first.
	 */
	Mono<Long> reserve(int year, int count) {
		return this.template.getCollection(OrderSchema.COUNTERS)
			.flatMap((counters) -> Mono
				.from(counters.findOneAndUpdate(Filters.eq("_id", "orders-" + year), Updates.inc("seq", (long) count),
						new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER))))
			.map((counter) -> counter.get("seq", Number.class).longValue() - count + 1);
	}

	static String format(int year, long sequence) {
		return "ORD-%d-%06d".formatted(year, sequence);
	}

}
