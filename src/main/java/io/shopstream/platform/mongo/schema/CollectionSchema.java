package io.shopstream.platform.mongo.schema;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import org.bson.Document;

/**
 * A feature's collection: its {@code $jsonSchema} validator and its indexes, each with a
 * name. Declared as a bean; {@link SchemaInitializer} applies every one at start-up.
 */
public interface CollectionSchema {

	String collection();

	/**
	 * The validator document, for example {@code {$jsonSchema: {...}}}; empty for none.
	 */
	Document validator();

	/** Every index with an explicit name, so that re-running creation changes nothing. */
	List<IndexModel> indexes();

	/**
	 * Names of indexes this collection once declared and has since replaced (an index's
	 * keys never change under its name: a real server refuses that with
	 * IndexKeySpecsConflict). Dropped where present, once every declared index exists.
	 */
	default List<String> retiredIndexes() {
		return List.of();
	}

}
