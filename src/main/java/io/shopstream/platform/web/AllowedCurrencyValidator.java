package io.shopstream.platform.web;

import java.util.Currency;
import java.util.Set;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link AllowedCurrency}: in the allow-list, known to Java, with a minor unit.
 * Spring's validator factory builds it with the configured list.
 */
class AllowedCurrencyValidator implements ConstraintValidator<AllowedCurrency, String> {

	private final Set<String> allowed;

	AllowedCurrencyValidator(WebProperties properties) {
		this.allowed = Set.copyOf(properties.currencies());
	}

	@Override
	public boolean isValid(String code, ConstraintValidatorContext context) {
		if (code == null) {
			return true;
		}
		if (!this.allowed.contains(code)) {
			return false;
		}
		try {
			return Currency.getInstance(code).getDefaultFractionDigits() >= 0;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
