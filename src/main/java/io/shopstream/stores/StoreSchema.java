package io.shopstream.stores;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.shopstream.platform.mongo.schema.CollectionSchema;
import org.bson.Document;

import org.springframework.stereotype.Component;

/** The {@code stores} collection, with the 2dsphere index that geo queries need. */
@Component
class StoreSchema implements CollectionSchema {

	static final String COLLECTION = "stores";

	@Override
	public String collection() {
		return COLLECTION;
	}

	@Override
	public Document validator() {
		Document point = new Document("bsonType", "object").append("required", List.of("type", "coordinates"))
			.append("properties", new Document("type", new Document("enum", List.of("Point"))).append("coordinates",
					new Document("bsonType", "array").append("minItems", 2).append("maxItems", 2)));
		return new Document("$jsonSchema",
				new Document("bsonType", "object").append("required", List.of("name", "status", "location"))
					.append("properties",
							new Document("name", new Document("bsonType", "string"))
								.append("status", new Document("enum", List.of("open", "closed")))
								.append("location", point)));
	}

	@Override
	public List<IndexModel> indexes() {
		return List.of(new IndexModel(Indexes.geo2dsphere("location"), new IndexOptions().name("location_2dsphere")),
				// The store list, by name.
				new IndexModel(Indexes.ascending("name"), new IndexOptions().name("name")));
	}

}
