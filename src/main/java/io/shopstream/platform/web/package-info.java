/**
 * The web platform every feature's routes share: problem documents for every failure,
 * request body reading with validation, correlation ids, the body limit and content
 * negotiation.
 */
package io.shopstream.platform.web;
