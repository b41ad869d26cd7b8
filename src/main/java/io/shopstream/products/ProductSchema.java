package io.shopstream.products;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.shopstream.platform.mongo.schema.CollectionSchema;
import org.bson.Document;

import org.springframework.stereotype.Component;

/** The {@code products} collection: validator and the playbook's indexes. */
@Component
class ProductSchema implements CollectionSchema {

	static final String COLLECTION = "products";

	/*
	 * Every list is a keyset page sorted on (field, _id), so the indexes that give a list
	 * its order end in _id: with the field alone, the server would sort all the matching
	 * products in memory for each page.
	 */

	/** Newest first, no filter. */
	static final String NEWEST = "created_at_id";

	/** One category, newest first. */
	static final String BY_CATEGORY_NEWEST = "category_created_at_id";

	/** One category, by price. */
	static final String BY_CATEGORY_PRICE = "category_price_id";

	/** One status, newest first. */
	static final String BY_STATUS_NEWEST = "status_created_at_id";

	/** By price, or a price range. */
	static final String BY_PRICE = "price_id";

	/** By name. */
	static final String BY_NAME = "name_id";

	/** One category, by name. */
	static final String BY_CATEGORY_NAME = "category_name_id";

	@Override
	public String collection() {
		return COLLECTION;
	}

	@Override
	public Document validator() {
		Document discount = new Document("bsonType", "object").append("required", List.of("type", "value"))
			.append("properties", new Document("type", new Document("enum", List.of("percentage", "fixed")))
				.append("value", new Document("bsonType", "decimal")));
		Document pricing = new Document("bsonType", "object").append("required", List.of("base_price", "currency"))
			.append("properties",
					new Document("base_price", new Document("bsonType", "decimal").append("minimum", 0))
						.append("currency", new Document("bsonType", "string").append("pattern", "^[A-Z]{3}$"))
						.append("tax_rate", new Document("bsonType", "decimal"))
						.append("discounts",
								new Document("bsonType", "array").append("maxItems", 20).append("items", discount)));
		Document properties = new Document("sku", new Document("bsonType", "string").append("maxLength", 64))
			.append("name", new Document("bsonType", "string").append("maxLength", 200))
			.append("attributes", new Document("bsonType", "object"))
			.append("pricing", pricing)
			.append("status", new Document("enum", List.of("draft", "active", "discontinued")))
			.append("created_at", new Document("bsonType", "date"));
		return new Document("$jsonSchema",
				new Document("bsonType", "object")
					.append("required", List.of("sku", "name", "pricing", "status", "created_at"))
					.append("properties", properties));
	}

	@Override
	public List<IndexModel> indexes() {
		return List.of(new IndexModel(Indexes.ascending("sku"), new IndexOptions().name("sku_unique").unique(true)),
				new IndexModel(Indexes.compoundIndex(Indexes.text("name"), Indexes.text("description")),
						new IndexOptions().name("name_description_text")),
				new IndexModel(Indexes.descending("created_at", "_id"), new IndexOptions().name(NEWEST)),
				new IndexModel(Indexes.compoundIndex(Indexes.ascending("category.slug"),
						Indexes.descending("created_at", "_id")), new IndexOptions().name(BY_CATEGORY_NEWEST)),
				new IndexModel(Indexes.ascending("category.slug", "pricing.base_price", "_id"),
						new IndexOptions().name(BY_CATEGORY_PRICE)),
				new IndexModel(
						Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("created_at", "_id")),
						new IndexOptions().name(BY_STATUS_NEWEST)),
				new IndexModel(Indexes.ascending("pricing.base_price", "_id"), new IndexOptions().name(BY_PRICE)),
				new IndexModel(Indexes.ascending("name", "_id"), new IndexOptions().name(BY_NAME)),
				new IndexModel(Indexes.ascending("category.slug", "name", "_id"),
						new IndexOptions().name(BY_CATEGORY_NAME)),
				new IndexModel(new Document("attributes.$**", 1), new IndexOptions().name("attributes_wildcard")));
	}

	/** The playbook's indexes, which ended at the sort field. */
	@Override
	public List<String> retiredIndexes() {
		return List.of("category_slug", "price", "status_created_at");
	}

}
