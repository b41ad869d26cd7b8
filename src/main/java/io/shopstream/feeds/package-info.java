/**
 * Live feeds: one shared change stream per collection, fanned out to every Server-Sent
 * Events subscriber with per-subscriber authorization, filters and a bounded queue,
 * resumable by Last-Event-ID without gaps.
 */
package io.shopstream.feeds;
