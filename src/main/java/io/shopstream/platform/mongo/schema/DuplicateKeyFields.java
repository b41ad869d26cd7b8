package io.shopstream.platform.mongo.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mongodb.client.model.IndexModel;
import org.bson.Document;

/**
 * Names the field behind a duplicate-key error from the unique index it hit, so a 409 can
 * say "email already exists" without ever echoing the server's message.
 */
public class DuplicateKeyFields {

	private static final Pattern INDEX_NAME = Pattern.compile("index: ([\\w.$-]+)");

	private final Map<String, List<String>> fieldsByIndex = new HashMap<>();

	public DuplicateKeyFields(List<CollectionSchema> schemas) {
		for (CollectionSchema schema : schemas) {
			for (IndexModel index : schema.indexes()) {
				if (index.getOptions().isUnique()) {
					Document keys = Document.parse(IndexKinds.toJson(index.getKeys()));
					this.fieldsByIndex.put(index.getOptions().getName(), List.copyOf(keys.keySet()));
				}
			}
		}
	}

	/**
	 * The fields of the unique index named in a duplicate-key error message, if it is one
	 * of ours.
	 */
	public Optional<List<String>> fieldsFor(String serverMessage) {
		if (serverMessage == null) {
			return Optional.empty();
		}
		Matcher matcher = INDEX_NAME.matcher(serverMessage);
		return matcher.find() ? Optional.ofNullable(this.fieldsByIndex.get(matcher.group(1))) : Optional.empty();
	}

}
