/**
 * Idempotent schema initialisation: each feature declares its collection's validator and
 * named indexes in one {@link CollectionSchema}, applied at start-up.
 */
package io.shopstream.platform.mongo.schema;
