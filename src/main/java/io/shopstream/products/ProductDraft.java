package io.shopstream.products;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A product as a client writes it (create, replace, or one line of a bulk import). Ids
 * and timestamps are the service's.
 */
public record ProductDraft(
		@NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
				message = "must be 1 to 64 letters, digits, '.', '_' or '-'") String sku,
		@NotBlank @Size(max = 200) String name,
		@Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be a lower-case slug") @Size(max = 200) String slug,
		@Size(max = 10_000) String description, @Valid Category category,
		@Pattern(regexp = "[0-9a-f]{24}", message = "must be a 24-character hexadecimal id") String vendorId,
		@Size(max = 100) Map<@Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,63}",
				message = "must be a plain identifier") String, Object> attributes,
		@NotNull @Valid Pricing pricing, @Valid Seo seo, ProductStatus status) {
}
