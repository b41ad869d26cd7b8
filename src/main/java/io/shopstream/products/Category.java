package io.shopstream.products;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The product's category, embedded: name, URL slug and its path from the top of the tree.
 */
public record Category(@NotBlank @Size(max = 100) String name,
		@NotBlank @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*",
				message = "must be a lower-case slug") @Size(max = 100) String slug,
		@Size(max = 10) List<@NotBlank @Size(max = 100) String> path) {
}
