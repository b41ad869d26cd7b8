package io.shopstream.users;

import java.math.BigDecimal;
import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A user document in the {@code users} collection. Holds the password hash, so it never
 * goes out as it is: responses use {@link UserView}.
 */
@Document(UserSchema.COLLECTION)
public record User(@Id String id, String email, String username, String passwordHash, Profile profile,
		Preferences preferences, UserStatus status, Role role, BigDecimal balance, Instant createdAt, Instant updatedAt,
		Instant lastLoginAt, Instant deletedAt) {

	@Override
	public String toString() {
		return "User[id=" + this.id + ", username=" + this.username + ", status=" + this.status + ", role=" + this.role
				+ "]";
	}

}
