package io.shopstream.orders;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Shipping charges, and how stock held for orders never recorded is reclaimed.
 *
 * @param shippingFee flat shipping charge per order, in the order's currency
 * @param freeShippingFrom subtotal after discounts from which shipping is free
 * @param holdTimeout how long stock may stay held for an order being placed; past it, the
 * order is taken for abandoned (its instance died mid-placement) and the stock goes back,
 * unless the order was recorded
 * @param holdCheck how often each instance looks for such holds
 */
@ConfigurationProperties("shopstream.orders")
record OrderProperties(@DefaultValue("5.00") BigDecimal shippingFee,
		@DefaultValue("100.00") BigDecimal freeShippingFrom, @DefaultValue("2m") Duration holdTimeout,
		@DefaultValue("30s") Duration holdCheck) {
}
