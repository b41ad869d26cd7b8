package io.shopstream.platform.mongo.schema;

import java.util.concurrent.TimeUnit;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Tells the indexes the embedded back-end builds (plain unique ones) from those only a
 * real MongoDB can.
 */
final class IndexKinds {

	private IndexKinds() {
	}

	/**
	 * A unique index on plain ascending or descending keys. The embedded back-end builds
	 * only these; it ignores other secondary indexes and lacks text, 2dsphere, wildcard,
	 * partial and TTL ones.
	 */
	static boolean isPlainUnique(IndexModel index) {
		IndexOptions options = index.getOptions();
		if (!options.isUnique() || options.getPartialFilterExpression() != null
				|| options.getExpireAfter(TimeUnit.SECONDS) != null) {
			return false;
		}
		Document keys = Document.parse(toJson(index.getKeys()));
		return keys.entrySet()
			.stream()
			.noneMatch((key) -> key.getKey().contains("$**") || key.getValue() instanceof String);
	}

	/** An index with a {@code "text"} key, which strict mode refuses to create. */
	static boolean isText(IndexModel index) {
		return Document.parse(toJson(index.getKeys())).containsValue("text");
	}

	static String toJson(Bson bson) {
		BsonValue value = bson.toBsonDocument();
		return value.asDocument().toJson();
	}

}
