package io.shopstream.users;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.shopstream.platform.mongo.schema.CollectionSchema;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * The {@code users} collection: the playbook's validator and the indexes the queries
 * need.
 */
@Component
public class UserSchema implements CollectionSchema {

	/**
	 * The collection's name, for every mapping and query that names it; public for the
	 * other features' queries and tests.
	 */
	public static final String COLLECTION = "users";

	@Override
	public String collection() {
		return COLLECTION;
	}

	@Override
	public Document validator() {
		Document location = object(new Document("city", type("string")).append("country", type("string"))
			.append("coordinates", new Document("bsonType", "array").append("items", type("double"))));
		Document profile = object(new Document("first_name", type("string")).append("last_name", type("string"))
			.append("avatar_url", type("string"))
			.append("bio", type("string").append("maxLength", 500))
			.append("location", location));
		Document notifications = object(
				new Document("email", type("bool")).append("push", type("bool")).append("sms", type("bool")));
		Document preferences = object(new Document("theme", new Document("enum", List.of("light", "dark", "auto")))
			.append("notifications", notifications));
		Document properties = new Document("_id", type("objectId"))
			.append("email", type("string").append("pattern", UserRules.EMAIL))
			.append("username", type("string").append("minLength", 3).append("maxLength", 50))
			.append("password_hash", type("string"))
			.append("profile", profile)
			.append("preferences", preferences)
			.append("status", new Document("enum", List.of("active", "inactive", "suspended", "deleted")))
			.append("role", new Document("enum", List.of("admin", "user", "guest")))
			.append("balance", type("decimal"))
			.append("created_at", type("date"))
			.append("updated_at", type("date"))
			.append("last_login_at", type("date"))
			.append("deleted_at", new Document("bsonType", List.of("date", "null")));
		return new Document("$jsonSchema",
				new Document("bsonType", "object")
					.append("required", List.of("email", "username", "password_hash", "created_at"))
					.append("properties", properties));
	}

	@Override
	public List<IndexModel> indexes() {
		return List.of(new IndexModel(Indexes.ascending("email"), new IndexOptions().name("email_unique").unique(true)),
				new IndexModel(Indexes.ascending("username"), new IndexOptions().name("username_unique").unique(true)),
				new IndexModel(Indexes.descending("created_at"), new IndexOptions().name("created_at_desc")),
				// The admins' user list, by _id: every status but deleted, or one, and
				// perhaps one role.
				new IndexModel(Indexes.ascending("status", "_id"), new IndexOptions().name("status_id")),
				new IndexModel(Indexes.ascending("status", "role", "_id"), new IndexOptions().name("status_role_id")));
	}

	private static Document type(String bsonType) {
		return new Document("bsonType", bsonType);
	}

	private static Document object(Document properties) {
		return new Document("bsonType", "object").append("properties", properties);
	}

	/** The playbook's index, which left the list's _id order to an in-memory sort. */
	@Override
	public List<String> retiredIndexes() {
		return List.of("status_role");
	}

}
