package io.shopstream.orders;

import java.util.List;
import java.util.Map;

import io.shopstream.orders.Order.PaymentMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /orders}: what to buy and where to send it. Prices, totals and the customer
 * are the service's.
 */
record NewOrder(@NotEmpty @Size(max = 100) List<@Valid @NotNull Line> items, @NotNull @Valid Address shippingAddress,
		@Valid Address billingAddress, @NotNull PaymentMethod paymentMethod,
		@Size(max = 10) Map<@Pattern(regexp = "[a-z_]{1,32}",
				message = "must be a lower-case name") String, @Size(max = 200) String> metadata) {

	/** A sku and how many of it. */
	record Line(@NotBlank @Size(max = 64) String sku, @NotNull @Min(1) @Max(1000) Integer quantity) {
	}

}
