package io.shopstream.orders;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A postal address, as the customer writes it. */
public record Address(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 200) String street,
		@NotBlank @Size(max = 100) String city, @Size(max = 100) String state,
		@NotBlank @Size(max = 20) String postalCode,
		@NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 country code") String country,
		@Size(max = 30) String phone) {
}
