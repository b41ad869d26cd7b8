/**
 * Shopstream: a reactive commerce service on MongoDB with live change feeds over
 * Server-Sent Events. {@link ShopstreamApplication} starts it; each feature has its own
 * package, and {@code platform} holds what they share.
 */
package io.shopstream;
