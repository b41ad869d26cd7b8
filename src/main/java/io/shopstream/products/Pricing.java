package io.shopstream.products;

import java.math.BigDecimal;
import java.util.List;

import io.shopstream.platform.web.AllowedCurrency;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Price, currency, discounts and tax rate; money is exact (Decimal128 in MongoDB). */
public record Pricing(@NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 4) BigDecimal basePrice,
		@NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") @AllowedCurrency String currency,
		@Size(max = 20) List<@Valid @NotNull Discount> discounts,
		@DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 6) BigDecimal taxRate) {
}
