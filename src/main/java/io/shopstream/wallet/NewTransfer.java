package io.shopstream.wallet;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /transfers}.
 *
 * @param from the sender; only admins name one, everyone else sends their own money
 * @param to the recipient's id
 * @param amount how much, in the wallet's currency
 * @param note a line for both parties' records
 */
record NewTransfer(@Schema(pattern = ID) String from, @NotBlank @Schema(pattern = ID) String to,
		@NotNull BigDecimal amount, @Size(max = 200) String note) {

	/** A user id as the API writes it. */
	static final String ID = "^[0-9a-fA-F]{24}$";

}
