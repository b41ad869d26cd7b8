package io.shopstream.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A login request.
 *
 * @param login the email address or the username
 * @param password the password
 */
record Credentials(@NotBlank @Size(max = 254) String login, @NotBlank @Size(max = 128) String password) {

	@Override
	public String toString() {
		return "Credentials[login=" + this.login + "]";
	}

}
