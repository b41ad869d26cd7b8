/**
 * Orders: placement with atomic stock reservation and exact totals, the status lifecycle
 * with its history, reads for customers and admins, and a constant-memory NDJSON export.
 */
package io.shopstream.orders;
