package io.shopstream.platform.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a request may send.
 *
 * @param maxBodySize largest request body read into memory; larger ones get 413
 * @param maxJsonDepth deepest nesting of objects and arrays accepted in a JSON body
 * @param trustedProxies addresses or CIDR ranges of the proxies whose {@code Forwarded}
 * and {@code X-Forwarded-*} headers are believed, with
 * {@code server.forward-headers-strategy=framework}; from any other peer they are
 * removed. Empty: every peer is believed, as Spring's own transformer does
 * @param currencies the ISO 4217 codes products may be priced in
 */
// @formatter:off (the formatter mangles an array-valued annotation in a record header)
@ConfigurationProperties("shopstream.web")
public record WebProperties(
		@DefaultValue("1MB") DataSize maxBodySize,
		@DefaultValue("32") int maxJsonDepth,
		@DefaultValue List<String> trustedProxies,
		@DefaultValue({ "USD", "EUR", "GBP", "CHF", "JPY", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN" })
		List<String> currencies) {
}
// @formatter:on
