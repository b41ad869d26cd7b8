package io.shopstream.auth;

import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.shopstream.platform.mongo.schema.CollectionSchema;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * The {@code login_attempts} collection: one counter per login or address, shared by
 * every replica, with the end of its one-minute window ({@code expires_at}). MongoDB's
 * TTL monitor deletes a counter once its window is over.
 */
@Component
class LoginAttemptSchema implements CollectionSchema {

	/** The collection's name, for every query that names it. */
	static final String COLLECTION = "login_attempts";

	@Override
	public String collection() {
		return COLLECTION;
	}

	@Override
	public Document validator() {
		Document properties = new Document("_id", new Document("bsonType", "string"))
			.append("attempts", new Document("bsonType", "int"))
			.append("expires_at", new Document("bsonType", "date"));
		return new Document("$jsonSchema",
				new Document("bsonType", "object").append("required", List.of("attempts", "expires_at"))
					.append("properties", properties));
	}

	@Override
	public List<IndexModel> indexes() {
		return List.of(new IndexModel(Indexes.ascending("expires_at"),
				new IndexOptions().name("expires_at_ttl").expireAfter(0L, TimeUnit.SECONDS)));
	}

}
