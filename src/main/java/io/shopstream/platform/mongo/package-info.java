/**
 * The MongoDB connection: client settings, the embedded back-end, capability detection
 * and the health indicator that works on both back-ends.
 */
package io.shopstream.platform.mongo;
