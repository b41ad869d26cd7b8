/**
 * How the libraries Shopstream runs on log: Apache Commons Logging, through which Spring
 * logs, sent to SLF4J with each level checked before a message is built.
 */
package io.shopstream.platform.logging;
