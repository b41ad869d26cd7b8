package io.shopstream.wallet;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.shopstream.platform.web.InvalidRequestException;

import org.springframework.stereotype.Component;

/**
 * Checks an amount of money a client sends: positive (or, for an adjustment, not zero),
 * no finer than the currency's minor unit, at most the configured maximum. Answers it at
 * the currency's scale ({@code "5"} becomes {@code 5.00}), so equal amounts are stored
 * and compared alike.
 */
@Component
class Amounts {

	private final WalletProperties properties;

	Amounts(WalletProperties properties) {
		this.properties = properties;
	}

	/** A transfer's amount: more than zero. */
	BigDecimal positive(String field, BigDecimal amount) {
		if (amount.signum() <= 0) {
			throw InvalidRequestException.forField(field, "must be more than 0");
		}
		return scaled(field, amount);
	}

	/** An adjustment's amount: a credit above zero or a debit below it. */
	BigDecimal nonZero(String field, BigDecimal amount) {
		if (amount.signum() == 0) {
			throw InvalidRequestException.forField(field, "must not be 0");
		}
		return scaled(field, amount);
	}

	/** The wallet's currency code. */
	String currency() {
		return this.properties.currency().getCurrencyCode();
	}

	private BigDecimal scaled(String field, BigDecimal amount) {
		int decimals = this.properties.decimals();
		if (amount.stripTrailingZeros().scale() > decimals) {
			throw InvalidRequestException.forField(field,
					"must have at most " + decimals + " decimals (" + currency() + ")");
		}
		if (amount.abs().compareTo(this.properties.maxAmount()) > 0) {
			throw InvalidRequestException.forField(field,
					"must be at most " + this.properties.maxAmount().toPlainString() + " " + currency());
		}
		return amount.setScale(decimals, RoundingMode.UNNECESSARY);
	}

}
