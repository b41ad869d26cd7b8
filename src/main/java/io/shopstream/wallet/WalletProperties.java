package io.shopstream.wallet;

import java.math.BigDecimal;
import java.util.Currency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The wallet's currency and limits.
 *
 * @param currency the ISO 4217 code balances are kept in; amounts may have at most its
 * minor-unit digits (2 for USD)
 * @param maxAmount the largest single transfer or adjustment
 */
@ConfigurationProperties("shopstream.wallet")
record WalletProperties(@DefaultValue("USD") Currency currency, @DefaultValue("10000.00") BigDecimal maxAmount) {

	/** Digits after the decimal point the currency has. */
	int decimals() {
		return Math.max(0, this.currency.getDefaultFractionDigits());
	}

}
