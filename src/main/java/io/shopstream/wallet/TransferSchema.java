package io.shopstream.wallet;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.shopstream.platform.mongo.schema.CollectionSchema;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * The {@code transactions} collection of transfers: a sender's idempotency keys unique,
 * and the reads of transfers newest first, all or one user's (as sender or recipient).
 */
@Component
class TransferSchema implements CollectionSchema {

	static final String COLLECTION = "transactions";

	/** Unique per sender: a key moves money at most once. */
	static final String KEY_PER_SENDER = "from_idempotency_key_unique";

	@Override
	public String collection() {
		return COLLECTION;
	}

	@Override
	public Document validator() {
		Document properties = new Document("type", new Document("enum", List.of(Transfer.TYPE)))
			.append("from", type("objectId"))
			.append("to", type("objectId"))
			.append("amount", type("decimal"))
			.append("currency", type("string"))
			.append("idempotency_key", type("string"))
			.append("timestamp", type("date"));
		return new Document("$jsonSchema",
				new Document("bsonType", "object")
					.append("required",
							List.of("type", "from", "to", "amount", "currency", "idempotency_key", "timestamp"))
					.append("properties", properties));
	}

	@Override
	public List<IndexModel> indexes() {
		return List.of(
				new IndexModel(Indexes.ascending("from", "idempotency_key"),
						new IndexOptions().name(KEY_PER_SENDER).unique(true)),
				// Keyset pages on (timestamp, _id), newest first: every transfer, one
				// sender's, one recipient's (a user's own are the $or of the last two).
				new IndexModel(Indexes.descending("timestamp", "_id"), new IndexOptions().name("timestamp_id")),
				new IndexModel(Indexes.compoundIndex(Indexes.ascending("from"), Indexes.descending("timestamp", "_id")),
						new IndexOptions().name("from_timestamp_id")),
				new IndexModel(Indexes.compoundIndex(Indexes.ascending("to"), Indexes.descending("timestamp", "_id")),
						new IndexOptions().name("to_timestamp_id")));
	}

	private static Document type(String bsonType) {
		return new Document("bsonType", bsonType);
	}

}
