package io.shopstream.users;

import java.math.BigDecimal;
import java.time.Instant;

/** A user as the API shows it: everything but the password hash. */
public record UserView(String id, String email, String username, Profile profile, Preferences preferences,
		UserStatus status, Role role, BigDecimal balance, Instant createdAt, Instant updatedAt, Instant lastLoginAt,
		Instant deletedAt) {

	public static UserView of(User user) {
		return new UserView(user.id(), user.email(), user.username(), user.profile(), user.preferences(), user.status(),
				user.role(), user.balance(), user.createdAt(), user.updatedAt(), user.lastLoginAt(), user.deletedAt());
	}

}
