/**
 * Admin analytics: the playbook's sales, customer lifetime value and monthly pipelines,
 * built from stages both back-ends run, with money summed as Decimal128 and
 * classification in Java; and index and query-plan insight.
 */
package io.shopstream.analytics;
