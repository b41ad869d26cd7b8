package io.shopstream.analytics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import io.shopstream.orders.OrderSchema;
import org.bson.Document;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Top products by revenue (the playbook's sales pipeline): sales in [from, to), one line
 * per product with its quantity, revenue (items' subtotals summed as Decimal128), orders
 * and distinct customers, sorted by revenue and then product id, so ties always come out
 * in the same order. Averages and ranks are computed in Java.
 */
@Component
class SalesReport {

	private final ReactiveMongoTemplate template;

	private final Clock clock;

	SalesReport(ReactiveMongoTemplate template, Clock clock) {
		this.template = template;
		this.clock = clock;
	}

	Mono<Answer> top(Instant from, Instant to, String currency, int limit) {
		Instant asOf = this.clock.instant();
		List<Document> pipeline = List.of(
				new Document("$match",
						Sales.match(currency)
							.append("created_at", new Document("$gte", Date.from(from)).append("$lt", Date.from(to)))),
				new Document("$unwind", "$items"),
				new Document("$group",
						new Document("_id", "$items.product_id")
							.append("product_name", new Document("$first", "$items.name"))
							.append("total_quantity", new Document("$sum", "$items.quantity"))
							.append("total_revenue", new Document("$sum", "$items.subtotal"))
							.append("order_count", new Document("$sum", 1))
							.append("unique_customers", new Document("$addToSet", "$user._id"))),
				new Document("$sort", new Document("total_revenue", -1).append("_id", 1)),
				new Document("$limit", limit));
		return this.template.getCollection(OrderSchema.COLLECTION)
			.flatMapMany((orders) -> Flux.from(orders.aggregate(pipeline)))
			.collectList()
			.map((rows) -> {
				List<ProductSales> products = new ArrayList<>();
				for (Document row : rows) {
					products.add(product(products.size() + 1, row, currency));
				}
				return new Answer(asOf, from, to, currency, products);
			});
	}

	private static ProductSales product(int rank, Document row, String currency) {
		BigDecimal revenue = Money.of(row.get("total_revenue"));
		long orders = row.get("order_count", Number.class).longValue();
		Object id = row.get("_id");
		return new ProductSales(rank, (id instanceof ObjectId objectId) ? objectId.toHexString() : String.valueOf(id),
				row.getString("product_name"), row.get("total_quantity", Number.class).longValue(), revenue, orders,
				row.getList("unique_customers", Object.class).size(), Money.divide(revenue, orders, currency));
	}

	/** The report. */
	record Answer(Instant asOf, Instant from, Instant to, String currency, List<ProductSales> products) {
	}

	/** One product's sales. */
	record ProductSales(int rank, String productId, String productName, long totalQuantity, BigDecimal totalRevenue,
			long orderCount, int uniqueCustomerCount, BigDecimal avgOrderValue) {
	}

}
