package io.shopstream.products;

import java.util.List;

import jakarta.validation.constraints.Size;

/** Search-engine metadata. */
public record Seo(@Size(max = 200) String metaTitle, @Size(max = 500) String metaDescription,
		@Size(max = 30) List<@Size(max = 50) String> keywords) {
}
