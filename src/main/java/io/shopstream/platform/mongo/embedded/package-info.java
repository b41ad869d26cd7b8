/**
 * The embedded back-end: mongo-java-server started in-process when no MongoDB URI is
 * configured, so the service runs and tests pass on a fresh machine with nothing
 * installed.
 */
package io.shopstream.platform.mongo.embedded;
