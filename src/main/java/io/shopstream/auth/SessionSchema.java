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
 * The {@code sessions} collection. MongoDB's TTL monitor deletes a session once
 * {@code expires_at} has passed (it runs about once a minute, so expiry is also checked
 * on read).
 */
@Component
class SessionSchema implements CollectionSchema {

	/** The collection's name, for every mapping and query that names it. */
	static final String COLLECTION = "sessions";

	@Override
	public String collection() {
		return COLLECTION;
	}

	@Override
	public Document validator() {
		Document properties = new Document("token_hash",
				new Document("bsonType", "string").append("minLength", 64).append("maxLength", 64))
			.append("user_id", new Document("bsonType", "objectId"))
			.append("role", new Document("enum", List.of("admin", "user", "guest")))
			.append("created_at", new Document("bsonType", "date"))
			.append("expires_at", new Document("bsonType", "date"));
		return new Document("$jsonSchema",
				new Document("bsonType", "object")
					.append("required", List.of("token_hash", "user_id", "role", "created_at", "expires_at"))
					.append("properties", properties));
	}

	@Override
	public List<IndexModel> indexes() {
		return List.of(
				new IndexModel(Indexes.ascending("token_hash"),
						new IndexOptions().name("token_hash_unique").unique(true)),
				new IndexModel(Indexes.ascending("expires_at"),
						new IndexOptions().name("expires_at_ttl").expireAfter(0L, TimeUnit.SECONDS)),
				// A user's sessions, and all of them but one (a password change ends the
				// others): the token is compared in the index.
				new IndexModel(Indexes.ascending("user_id", "token_hash"),
						new IndexOptions().name("user_id_token_hash")));
	}

	/** The index on user_id alone, which the compound one replaces. */
	@Override
	public List<String> retiredIndexes() {
		return List.of("user_id");
	}

}
