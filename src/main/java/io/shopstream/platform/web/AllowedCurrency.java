package io.shopstream.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * An ISO 4217 currency code from the configured allow-list
 * ({@code shopstream.web.currencies}), with a minor unit Java knows: prices are rounded
 * to it, so a code without one ({@code XXX}) or unknown to Java ({@code ZZZ}) is refused
 * when written.
 */
@Documented
@Constraint(validatedBy = AllowedCurrencyValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface AllowedCurrency {

	String message() default "must be one of the currencies this store sells in";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
