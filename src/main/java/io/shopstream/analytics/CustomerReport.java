package io.shopstream.analytics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import io.shopstream.orders.OrderSchema;
import io.shopstream.platform.web.paging.Keyset;
import io.shopstream.platform.web.paging.KeysetPager;
import io.shopstream.platform.web.paging.Page;
import io.shopstream.platform.web.paging.PageRequest;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

/**
 * Customer lifetime value (the playbook's pipeline): one row per customer from their
 * sales, sorted by total spent, in keyset pages. Segment and churn risk follow
 * configurable thresholds; the filters on them become plain comparisons in the pipeline
 * (so paging stays exact), and the labels and "days since" are computed in Java from an
 * injected clock.
 */
@Component
class CustomerReport {

	private static final Keyset BY_SPENT = Keyset.by("total_spent", Sort.Direction.DESC);

	private final KeysetPager pager;

	private final AnalyticsProperties thresholds;

	private final Clock clock;

	CustomerReport(KeysetPager pager, AnalyticsProperties thresholds, Clock clock) {
		this.pager = pager;
		this.thresholds = thresholds;
		this.clock = clock;
	}

	Mono<Page<CustomerValue>> page(String currency, Optional<Segment> segment, Optional<ChurnRisk> churn,
			PageRequest page) {
		Instant asOf = this.clock.instant();
		List<Document> pipeline = new ArrayList<>(List.of(new Document("$match", Sales.match(currency)),
				new Document("$group",
						new Document("_id", "$user._id").append("email", new Document("$first", "$user.email"))
							.append("first_order_date", new Document("$min", "$created_at"))
							.append("last_order_date", new Document("$max", "$created_at"))
							.append("total_orders", new Document("$sum", 1))
							.append("total_spent", new Document("$sum", "$totals.total"))
							.append("items_purchased", new Document("$sum", new Document("$size", "$items"))))));
		segment.ifPresent((wanted) -> pipeline.add(new Document("$match", segmentFilter(wanted))));
		churn.ifPresent((wanted) -> pipeline.add(new Document("$match", churnFilter(wanted, asOf))));
		return this.pager.pageAggregation(OrderSchema.COLLECTION, pipeline, BY_SPENT, page)
			.map((rows) -> rows.map((row) -> value(row, currency, asOf)));
	}

	private Document segmentFilter(Segment segment) {
		Decimal128 vip = new Decimal128(this.thresholds.vipFrom());
		Decimal128 premium = new Decimal128(this.thresholds.premiumFrom());
		return switch (segment) {
			case VIP -> new Document("total_spent", new Document("$gte", vip));
			case Premium -> new Document("total_spent", new Document("$gte", premium).append("$lt", vip));
			case Regular -> new Document("total_spent", new Document("$lt", premium)).append("total_orders",
					new Document("$gte", this.thresholds.regularFromOrders()));
			case New -> new Document("total_spent", new Document("$lt", premium)).append("total_orders",
					new Document("$lt", this.thresholds.regularFromOrders()));
		};
	}

	private Document churnFilter(ChurnRisk risk, Instant asOf) {
		Date high = Date.from(asOf.minus(Duration.ofDays(this.thresholds.churnHighAfterDays() + 1L)));
		Date medium = Date.from(asOf.minus(Duration.ofDays(this.thresholds.churnMediumAfterDays() + 1L)));
		return switch (risk) {
			case High -> new Document("last_order_date", new Document("$lte", high));
			case Medium -> new Document("last_order_date", new Document("$gt", high).append("$lte", medium));
			case Low -> new Document("last_order_date", new Document("$gt", medium));
		};
	}

	private CustomerValue value(Document row, String currency, Instant asOf) {
		BigDecimal spent = Money.of(row.get("total_spent"));
		long orders = row.get("total_orders", Number.class).longValue();
		Instant first = row.getDate("first_order_date").toInstant();
		Instant last = row.getDate("last_order_date").toInstant();
		long sinceFirst = Duration.between(first, asOf).toDays();
		long sinceLast = Duration.between(last, asOf).toDays();
		Object id = row.get("_id");
		return new CustomerValue((id instanceof ObjectId objectId) ? objectId.toHexString() : String.valueOf(id),
				row.getString("email"), first, last, orders, spent, Money.divide(spent, orders, currency),
				row.get("items_purchased", Number.class).longValue(), sinceFirst, sinceLast, segment(spent, orders),
				churn(sinceLast), currency, asOf);
	}

	Segment segment(BigDecimal spent, long orders) {
		if (spent.compareTo(this.thresholds.vipFrom()) >= 0) {
			return Segment.VIP;
		}
		if (spent.compareTo(this.thresholds.premiumFrom()) >= 0) {
			return Segment.Premium;
		}
		return (orders >= this.thresholds.regularFromOrders()) ? Segment.Regular : Segment.New;
	}

	ChurnRisk churn(long daysSinceLastOrder) {
		if (daysSinceLastOrder > this.thresholds.churnHighAfterDays()) {
			return ChurnRisk.High;
		}
		return (daysSinceLastOrder > this.thresholds.churnMediumAfterDays()) ? ChurnRisk.Medium : ChurnRisk.Low;
	}

	enum Segment {

		VIP, Premium, Regular, New

	}

	enum ChurnRisk {

		High, Medium, Low

	}

	/** One customer's lifetime value. */
	record CustomerValue(String customerId, String email, Instant firstOrderDate, Instant lastOrderDate,
			long totalOrders, BigDecimal totalSpent, BigDecimal avgOrderValue, long itemsPurchased,
			long daysSinceFirstOrder, long daysSinceLastOrder, Segment customerSegment, ChurnRisk churnRisk,
			String currency, Instant asOf) {
	}

}
