package io.shopstream.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

import org.bson.types.Decimal128;

/**
 * Sums read back from MongoDB, and averages rounded half-even to the currency's minor
 * unit.
 */
final class Money {

	private Money() {
	}

	/**
	 * A sum as MongoDB returns it: Decimal128 (or a plain number when nothing was
	 * summed).
	 */
	static BigDecimal of(Object sum) {
		if (sum instanceof Decimal128 decimal) {
			return decimal.bigDecimalValue();
		}
		if (sum instanceof Number number) {
			return new BigDecimal(number.toString());
		}
		return BigDecimal.ZERO;
	}

	static BigDecimal divide(BigDecimal total, long count, String currency) {
		if (count == 0) {
			return BigDecimal.ZERO.setScale(minorUnit(currency));
		}
		return total.divide(BigDecimal.valueOf(count), minorUnit(currency), RoundingMode.HALF_EVEN);
	}

	static int minorUnit(String currency) {
		try {
			int digits = Currency.getInstance(currency).getDefaultFractionDigits();
			return (digits < 0) ? 2 : digits;
		}
		catch (IllegalArgumentException ex) {
			return 2;
		}
	}

}
