/**
 * Cross-cutting ground every feature stands on: the MongoDB connection and its two
 * back-ends, capabilities, schema initialisation, and the web platform (problem
 * documents, JSON, paging). Nothing here depends on a feature.
 */
package io.shopstream.platform;
