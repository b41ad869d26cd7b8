package io.shopstream.wallet;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.shopstream.platform.mongo.schema.CollectionSchema;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * The {@code ledger} collection: one entry per balance change, read as an account's
 * statement, newest first.
 */
@Component
class LedgerSchema implements CollectionSchema {

	static final String COLLECTION = "ledger";

	/** An account's entries, newest first: the ledger's keyset pages. */
	static final String BY_USER_NEWEST = "user_created_at_id";

	@Override
	public String collection() {
		return COLLECTION;
	}

	@Override
	public Document validator() {
		Document properties = new Document("user_id", type("objectId"))
			.append("type", new Document("enum", List.of("adjustment", "transfer", "purchase", "refund")))
			.append("amount", type("decimal"))
			.append("balance", type("decimal"))
			.append("currency", type("string"))
			.append("created_at", type("date"));
		return new Document("$jsonSchema",
				new Document("bsonType", "object")
					.append("required", List.of("user_id", "type", "amount", "balance", "currency", "created_at"))
					.append("properties", properties));
	}

	@Override
	public List<IndexModel> indexes() {
		return List.of(new IndexModel(
				Indexes.compoundIndex(Indexes.ascending("user_id"), Indexes.descending("created_at", "_id")),
				new IndexOptions().name(BY_USER_NEWEST)));
	}

	private static Document type(String bsonType) {
		return new Document("bsonType", bsonType);
	}

}
