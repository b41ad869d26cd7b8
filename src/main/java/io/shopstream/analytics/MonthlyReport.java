package io.shopstream.analytics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.shopstream.orders.OrderSchema;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Sales per calendar month (UTC), the playbook's {@code $bucket} pipeline: count, revenue
 * summed as Decimal128, distinct customers; months without sales are present with zeros.
 */
@Component
class MonthlyReport {

	private final ReactiveMongoTemplate template;

	private final Clock clock;

	MonthlyReport(ReactiveMongoTemplate template, Clock clock) {
		this.template = template;
		this.clock = clock;
	}

	/** Months {@code first} to {@code last}, both included. */
	Mono<Answer> months(YearMonth first, YearMonth last, String currency) {
		Instant asOf = this.clock.instant();
		List<Date> boundaries = new ArrayList<>();
		for (YearMonth month = first; !month.isAfter(last.plusMonths(1)); month = month.plusMonths(1)) {
			boundaries.add(Date.from(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
		}
		List<Document> pipeline = List.of(
				new Document("$match",
						Sales.match(currency)
							.append("created_at",
									new Document("$gte", boundaries.get(0)).append("$lt",
											boundaries.get(boundaries.size() - 1)))),
				new Document("$bucket",
						new Document("groupBy", "$created_at").append("boundaries", boundaries)
							.append("default", "other")
							.append("output",
									new Document("count", new Document("$sum", 1))
										.append("revenue", new Document("$sum", "$totals.total"))
										.append("unique_customers", new Document("$addToSet", "$user._id")))));
		return this.template.getCollection(OrderSchema.COLLECTION)
			.flatMapMany((orders) -> Flux.from(orders.aggregate(pipeline)))
			.collectList()
			.map((buckets) -> {
				Map<YearMonth, Document> byMonth = new HashMap<>();
				for (Document bucket : buckets) {
					if (bucket.get("_id") instanceof Date start) {
						byMonth.put(YearMonth.from(start.toInstant().atZone(ZoneOffset.UTC)), bucket);
					}
				}
				List<Month> months = new ArrayList<>();
				for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
					months.add(month(month, byMonth.get(month), currency));
				}
				return new Answer(asOf, currency, months);
			});
	}

	private static Month month(YearMonth month, Document bucket, String currency) {
		if (bucket == null) {
			BigDecimal zero = BigDecimal.ZERO.setScale(Money.minorUnit(currency));
			return new Month(month.toString(), 0, zero, zero, 0);
		}
		long count = bucket.get("count", Number.class).longValue();
		BigDecimal revenue = Money.of(bucket.get("revenue"));
		return new Month(month.toString(), count, revenue, Money.divide(revenue, count, currency),
				bucket.getList("unique_customers", Object.class).size());
	}

	/** The report. */
	record Answer(Instant asOf, String currency, List<Month> months) {
	}

	/** One month, {@code YYYY-MM}. */
	record Month(String month, long count, BigDecimal revenue, BigDecimal avgOrderValue, int uniqueCustomerCount) {
	}

}
