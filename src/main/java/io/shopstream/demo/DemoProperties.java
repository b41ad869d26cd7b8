package io.shopstream.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo data set.
 *
 * @param enabled load it: unset means on for the embedded back-end and off for a real
 * MongoDB
 * @param seed the random seed; the same seed gives the same data set
 * @param users how many customers
 * @param products how many products (each with stock)
 * @param stores how many stores
 * @param orders how many orders, spread over the last 18 months
 */
@ConfigurationProperties("shopstream.demo")
record DemoProperties(Boolean enabled, @DefaultValue("20261125") long seed, @DefaultValue("50") int users,
		@DefaultValue("500") int products, @DefaultValue("20") int stores, @DefaultValue("5000") int orders) {
}
