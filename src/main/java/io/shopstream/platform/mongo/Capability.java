package io.shopstream.platform.mongo;

import java.util.Locale;

/** A MongoDB feature that not every back-end offers. */
public enum Capability {

	/** Multi-document transactions. */
	TRANSACTIONS("multi-document transactions", "a MongoDB replica set or sharded cluster"),

	/** Change streams. */
	CHANGE_STREAMS("change streams", "a MongoDB replica set, a sharded cluster or the embedded back-end"),

	/** {@code $text} queries. */
	TEXT_SEARCH("$text queries", "a real MongoDB server"),

	/** {@code $near}, {@code $geoWithin} and {@code $geoNear} queries. */
	GEO_QUERIES("$near, $geoWithin and $geoNear queries", "a real MongoDB server"),

	/** {@code $jsonSchema} validators enforced by the server. */
	SCHEMA_VALIDATION("$jsonSchema validators enforced by the server", "a real MongoDB server"),

	/** {@code collMod} to update a collection's validator. */
	COLL_MOD("collMod to update a collection's validator", "a real MongoDB server"),

	/** Explain of query plans. */
	EXPLAIN("explain of query plans", "a real MongoDB server"),

	/**
	 * Stable API v1 in strict mode for everything but the few operations it refuses
	 * ({@link OutsideStableApi}).
	 */
	STABLE_API("Stable API v1 in strict mode, outside it only what strict mode refuses",
			"a real MongoDB 5.0+ server and shopstream.mongodb.stable-api left on"),

	/**
	 * {@code $lookup} with {@code localField}, {@code foreignField} and a sub-pipeline.
	 */
	LOOKUP_PIPELINES("$lookup with localField, foreignField and a sub-pipeline", "a real MongoDB 5.0+ server"),

	/** Non-unique, text, 2dsphere, wildcard, partial and TTL indexes. */
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
