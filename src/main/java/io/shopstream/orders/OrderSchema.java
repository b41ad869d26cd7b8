package io.shopstream.orders;

import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.shopstream.platform.mongo.schema.CollectionSchema;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * The {@code orders} collection: a customer's orders newest first, by status, by date,
 * and a partial index over the orders that count as sales (what analytics reads).
 */
@Component
public class OrderSchema implements CollectionSchema {

	/**
	 * The collection's name, for every mapping and query that names it; public for the
	 * other features' queries and tests.
	 */
	public static final String COLLECTION = "orders";

	/*
	 * Lists are keyset pages sorted on (created_at, _id), so the indexes that give them
	 * their order end in _id: with created_at alone, the server would sort every matching
	 * order in memory for each page.
	 */

	/** A customer's orders, newest first. */
	static final String BY_CUSTOMER_NEWEST = "user_created_at_id";

	/** Orders in one status, newest first. */
	static final String BY_STATUS_NEWEST = "status_created_at_id";

	/**
	 * The per-year order number counters {@link OrderNumbers} increments; orders' own.
	 */
	static final String COUNTERS = "order_counters";

	@Override
	public String collection() {
		return COLLECTION;
	}

	@Override
	public Document validator() {
		Document money = new Document("bsonType", "decimal");
		Document totals = new Document("bsonType", "object")
			.append("required", List.of("subtotal", "tax", "shipping", "discount", "total", "currency"))
			.append("properties",
					new Document("subtotal", money).append("tax", money)
						.append("shipping", money)
						.append("discount", money)
						.append("total", money));
		return new Document("$jsonSchema", new Document("bsonType", "object")
			.append("required", List.of("order_number", "user", "items", "totals", "status", "created_at"))
			.append("properties", new Document("order_number", new Document("bsonType", "string"))
				.append("items", new Document("bsonType", "array").append("minItems", 1).append("maxItems", 100))
				.append("totals", totals)
				.append("status",
						new Document("enum",
								List.of("pending", "processing", "shipped", "delivered", "cancelled", "completed")))
				.append("created_at", new Document("bsonType", "date"))));
	}

	@Override
	public List<IndexModel> indexes() {
		return List.of(
				new IndexModel(Indexes.ascending("order_number"),
						new IndexOptions().name("order_number_unique").unique(true)),
				new IndexModel(Indexes.compoundIndex(Indexes.ascending("user._id"),
						Indexes.descending("created_at", "_id")), new IndexOptions().name(BY_CUSTOMER_NEWEST)),
				new IndexModel(
						Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("created_at", "_id")),
						new IndexOptions().name(BY_STATUS_NEWEST)),
				new IndexModel(Indexes.descending("created_at", "_id"), new IndexOptions().name("created_at_id")),
				// The sales reports: sales in one currency, over a period or all time.
				new IndexModel(Indexes.ascending("status", "totals.currency", "created_at"),
						new IndexOptions().name("status_currency_created_at")),
				new IndexModel(Indexes.compoundIndex(Indexes.ascending("user._id"), Indexes.descending("created_at")),
						new IndexOptions().name("user_sales")
							.partialFilterExpression(Filters.in("status", "completed", "delivered"))));
	}

	/** The playbook's indexes, which ended at the sort field. */
	@Override
	public List<String> retiredIndexes() {
		return List.of("user_created_at", "status", "created_at");
	}

}
