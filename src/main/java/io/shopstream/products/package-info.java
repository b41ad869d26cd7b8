/**
 * The catalogue: products with free-form attributes, exact prices and discounts, filtered
 * and keyset-paginated lists, NDJSON bulk import by sku, text search, and hourly view
 * buckets.
 */
package io.shopstream.products;
