package io.shopstream.auth;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;

/**
 * A login. The token itself is never stored: {@code tokenHash} is its SHA-256, so a copy
 * of the collection cannot be used to sign in.
 */
@Document(SessionSchema.COLLECTION)
record Session(@Id String id, String tokenHash, @Field(targetType = FieldType.OBJECT_ID) String userId, String role,
		Instant createdAt, Instant expiresAt) {
}
