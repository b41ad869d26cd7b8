/**
 * The demo data set: deterministic users, products, stock, stores and 18 months of
 * orders, loaded through the features' services on the embedded back-end (or on demand).
 */
package io.shopstream.demo;
