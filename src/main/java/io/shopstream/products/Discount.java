package io.shopstream.products;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * A discount on a product: a percentage off, or a fixed amount off each unit, valid in a
 * time window and under conditions.
 */
public record Discount(@NotNull Type type, @NotNull @DecimalMin(value = "0", inclusive = false) BigDecimal value,
		Instant validFrom, Instant validUntil, @Valid Conditions conditions) {

	/** Valid at this instant for this quantity. */
	public boolean appliesTo(Instant at, int quantity) {
		boolean started = this.validFrom == null || !at.isBefore(this.validFrom);
		boolean notEnded = this.validUntil == null || at.isBefore(this.validUntil);
		boolean enough = this.conditions == null || this.conditions.minQuantity() == null
				|| quantity >= this.conditions.minQuantity();
		return started && notEnded && enough;
	}

	public enum Type {

		/** A percentage off each unit. */
		percentage,

		/** A fixed amount off each unit. */
		fixed

	}

	/**
	 * When a discount applies.
	 *
	 * @param minQuantity the least quantity of this product in the order for the discount
	 * to apply
	 */
	public record Conditions(@Min(1) Integer minQuantity) {
	}

}
