package io.shopstream.inventory;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.shopstream.platform.mongo.schema.CollectionSchema;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * The {@code inventory} collection: one document per sku, counts that never go negative.
 */
@Component
public class InventorySchema implements CollectionSchema {

	/**
	 * The collection's name, for every mapping and query that names it; public for the
	 * other features' queries and tests.
	 */
	public static final String COLLECTION = "inventory";

	@Override
	public String collection() {
		return COLLECTION;
	}

	@Override
	public Document validator() {
		Document count = new Document("bsonType", List.of("int", "long")).append("minimum", 0);
		return new Document("$jsonSchema",
				new Document("bsonType", "object")
					.append("required", List.of("sku", "quantity", "reserved", "available"))
					.append("properties",
							new Document("sku", new Document("bsonType", "string")).append("quantity", count)
								.append("reserved", count)
								.append("available", count)
								.append("reorder_point", count)
								.append("reorder_quantity", count)));
	}

	@Override
	public List<IndexModel> indexes() {
		return List.of(new IndexModel(Indexes.ascending("sku"), new IndexOptions().name("sku_unique").unique(true)),
				new IndexModel(Indexes.ascending(InventoryService.HOLDS + ".at"), new IndexOptions().name("holds_at")));
	}

}
