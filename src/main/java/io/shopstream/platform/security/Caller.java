package io.shopstream.platform.security;

/**
 * Who an authenticated request comes from.
 *
 * @param userId the user's id, 24 hex
 * @param role {@code admin}, {@code user} or {@code guest}, as the user document says now
 */
public record Caller(String userId, String role) {

	public boolean isAdmin() {
		return "admin".equals(this.role);
	}

	/** The caller is this user, or an admin. */
	public boolean mayActFor(String userId) {
		return isAdmin() || this.userId.equals(userId);
	}

}
