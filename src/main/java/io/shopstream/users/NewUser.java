package io.shopstream.users;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A request to create a user. Ids, timestamps and the hash are the service's to set. */
public record NewUser(
		@NotBlank @Size(max = 254) @Pattern(regexp = UserRules.EMAIL,
				message = "must be an email address") String email,
		@NotNull @Pattern(regexp = UserRules.USERNAME,
				message = "must be 3 to 50 letters, digits, '.', '_' or '-'") String username,
		@NotNull @Size(min = UserRules.PASSWORD_MIN, max = UserRules.PASSWORD_MAX) String password,
		@Valid Profile profile, Preferences preferences, Role role) {

	@Override
	public String toString() {
		return "NewUser[email=" + this.email + ", username=" + this.username + "]";
	}

}
