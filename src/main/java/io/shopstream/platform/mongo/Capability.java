package io.shopstream.platform.mongo;

import java.util.Locale;

/** A MongoDB feature that not every back-end offers. */
public enum Capability {

	TRANSACTIONS("multi-document transactions", "a MongoDB replica set or sharded cluster"),
	CHANGE_STREAMS("change streams", "a MongoDB replica set, a sharded cluster or the embedded back-end"),
	TEXT_SEARCH("$text queries", "a real MongoDB server"),
	GEO_QUERIES("$near, $geoWithin and $geoNear queries", "a real MongoDB server"),
	SCHEMA_VALIDATION("$jsonSchema validators enforced by the server", "a real MongoDB server"),
	COLL_MOD("collMod to update a collection's validator", "a real MongoDB server"),
	EXPLAIN("explain of query plans", "a real MongoDB server"),
	STABLE_API("Stable API v1 (strict)", "a real MongoDB 5.0+ server"),
	LOOKUP_PIPELINES("$lookup with localField, foreignField and a sub-pipeline", "a real MongoDB 5.0+ server"),
	SECONDARY_INDEXES("non-unique, text, 2dsphere, wildcard, partial and TTL indexes", "a real MongoDB server");

	private final String description;

	private final String requires;

	Capability(String description, String requires) {
		this.description = description;
		this.requires = requires;
	}

	/** The name clients see, for example {@code text_search}. */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	public String description() {
		return this.description;
	}

	/** How an operator gets this capability. */
	public String remedy() {
		return "Needs " + this.requires + ": start Shopstream with MONGODB_URI pointing at one.";
	}

}
