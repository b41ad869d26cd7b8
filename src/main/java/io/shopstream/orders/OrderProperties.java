package io.shopstream.orders;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Shipping charges.
 *
 * @param shippingFee flat shipping charge per order, in the order's currency
 * @param freeShippingFrom subtotal after discounts from which shipping is free
 */
@ConfigurationProperties("shopstream.orders")
record OrderProperties(@DefaultValue("5.00") BigDecimal shippingFee,
		@DefaultValue("100.00") BigDecimal freeShippingFrom) {
}
