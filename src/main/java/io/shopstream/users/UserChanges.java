package io.shopstream.users;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A partial update: fields left out (or null) stay as they are; nested profile and
 * preference fields are merged one by one. {@code currentPassword} is not a change: it is
 * the proof users give when they change their own password or email (see
 * {@link AccountChanges}).
 */
public record UserChanges(
		@Size(max = 254) @Pattern(regexp = UserRules.EMAIL, message = "must be an email address") String email,
		@Pattern(regexp = UserRules.USERNAME,
				message = "must be 3 to 50 letters, digits, '.', '_' or '-'") String username,
		@Size(min = UserRules.PASSWORD_MIN, max = UserRules.PASSWORD_MAX) String password, @Valid Profile profile,
		Preferences preferences, UserStatus status, Role role,
		@Size(max = UserRules.PASSWORD_MAX) String currentPassword) {

	@Override
	public String toString() {
		return "UserChanges[email=" + this.email + ", username=" + this.username + ", status=" + this.status + ", role="
				+ this.role + "]";
	}

}
