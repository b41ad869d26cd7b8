package io.shopstream.analytics;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Thresholds of the customer report.
 *
 * @param vipFrom total spent from which a customer is VIP
 * @param premiumFrom total spent from which a customer is Premium
 * @param regularFromOrders orders from which a customer below Premium is Regular
 * @param churnHighAfterDays days since the last order beyond which churn risk is High
 * @param churnMediumAfterDays days since the last order beyond which churn risk is Medium
 */
@ConfigurationProperties("shopstream.analytics")
record AnalyticsProperties(@DefaultValue("1000") BigDecimal vipFrom, @DefaultValue("500") BigDecimal premiumFrom,
		@DefaultValue("3") int regularFromOrders, @DefaultValue("90") int churnHighAfterDays,
		@DefaultValue("60") int churnMediumAfterDays) {
}
