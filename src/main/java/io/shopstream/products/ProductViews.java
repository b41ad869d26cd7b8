package io.shopstream.products;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts product views in hourly buckets: one upsert with {@code $inc} of the hour's
 * count and the minute's slot per view, and series by hour or by day (UTC) read back from
 * the buckets.
 */
@Component
class ProductViews {

	/** The longest range one series request may cover. */
	static final Duration MAX_RANGE = Duration.ofDays(366);

	private final ReactiveMongoTemplate template;

	private final Clock clock;

	ProductViews(ReactiveMongoTemplate template, Clock clock) {
		this.template = template;
		this.clock = clock;
	}

	Mono<Void> record(ObjectId product) {
		Instant now = this.clock.instant();
		Instant hour = now.truncatedTo(ChronoUnit.HOURS);
		int minute = now.atZone(ZoneOffset.UTC).getMinute();
		return this.template.getCollection(ProductViewSchema.COLLECTION)
			.flatMap((buckets) -> Mono.from(buckets.updateOne(
					Filters.and(Filters.eq("product_id", product), Filters.eq("hour", Date.from(hour))),
					Updates.combine(Updates.inc("count", 1L), Updates.inc("minutes." + minute, 1L)),
					new UpdateOptions().upsert(true))))
			.then();
	}

	/**
	 * Views per hour or per UTC day in [from, to), oldest first; periods without views
	 * are left out.
	 */
	Flux<ViewCount> series(ObjectId product, Instant from, Instant to, Granularity granularity) {
		Flux<ViewCount> hours = this.template.getCollection(ProductViewSchema.COLLECTION)
			.flatMapMany(
					(buckets) -> Flux.from(
							buckets
								.find(Filters.and(Filters.eq("product_id", product),
										Filters.gte("hour", Date.from(from)), Filters.lt("hour", Date.from(to))))
								.sort(Sorts.ascending("hour"))))
			.map((bucket) -> new ViewCount(bucket.getDate("hour").toInstant(),
					bucket.get("count", Number.class).longValue()));
		if (granularity == Granularity.hour) {
			return hours;
		}
		return hours.windowUntilChanged((count) -> count.period().truncatedTo(ChronoUnit.DAYS))
			.concatMap((day) -> day.reduce((a, b) -> new ViewCount(a.period(), a.views() + b.views())))
			.map((count) -> new ViewCount(count.period().truncatedTo(ChronoUnit.DAYS), count.views()));
	}

	enum Granularity {

		hour, day

	}

	/** Views in the period starting at {@code period}. */
	record ViewCount(Instant period, long views) {
	}

}
