package io.shopstream.products;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;

/** A product document in the {@code products} collection, also its API shape. */
@Document(ProductSchema.COLLECTION)
public record Product(@Id String id, String sku, String name, String slug, String description, Category category,
		@Field(targetType = FieldType.OBJECT_ID) String vendorId, Map<String, Object> attributes, Pricing pricing,
		Seo seo, ProductStatus status, Instant createdAt, Instant updatedAt, Instant publishedAt) {
}
