package io.shopstream.wallet;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /users/{id}/balance/adjustments}.
 *
 * @param amount a credit when positive, a debit when negative
 * @param reason why, kept in the ledger entry
 */
record NewAdjustment(@NotNull BigDecimal amount, @NotBlank @Size(max = 200) String reason) {
}
