package io.shopstream.products;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.shopstream.platform.mongo.schema.CollectionSchema;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * {@code product_view_buckets}: the bucket pattern, one document per product per hour
 * with the hour's count and one counter per minute, instead of an ever-growing array on
 * the product.
 */
@Component
class ProductViewSchema implements CollectionSchema {

	static final String COLLECTION = "product_view_buckets";

	@Override
	public String collection() {
		return COLLECTION;
	}

	@Override
	public Document validator() {
		return new Document("$jsonSchema",
				new Document("bsonType", "object").append("required", List.of("product_id", "hour", "count"))
					.append("properties",
							new Document("product_id", new Document("bsonType", "objectId"))
								.append("hour", new Document("bsonType", "date"))
								.append("count", new Document("bsonType", List.of("int", "long")))
								.append("minutes", new Document("bsonType", "object").append("maxProperties", 60))));
	}

	@Override
	public List<IndexModel> indexes() {
		return List.of(new IndexModel(Indexes.ascending("product_id", "hour"),
				new IndexOptions().name("product_hour_unique").unique(true)));
	}

}
