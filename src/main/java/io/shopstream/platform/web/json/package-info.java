/**
 * Shopstream's JSON conventions: snake_case, exact decimal strings for money, 24-hex ids.
 */
package io.shopstream.platform.web.json;
