package io.shopstream.demo;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import io.shopstream.platform.mongo.schema.CollectionSchema;
import org.bson.Document;

import org.springframework.stereotype.Component;

/**
 * The {@code demo_data} collection: one document, the claim of the instance that loads
 * the demo data, so that of several replicas starting together on one database exactly
 * one loads it.
 */
@Component
class DemoDataSchema implements CollectionSchema {

	/** The collection's name, for every query that names it. */
	static final String COLLECTION = "demo_data";

	@Override
	public String collection() {
		return COLLECTION;
	}

	@Override
	public Document validator() {
		return new Document();
	}

	@Override
	public List<IndexModel> indexes() {
		return List.of();
	}

}
