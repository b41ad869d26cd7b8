package io.shopstream.users;

/**
 * What signing in needs to know about an account, hash included. Only the auth feature
 * asks for it, and it never goes out in a response.
 */
public record LoginAccount(String id, Role role, UserStatus status, String passwordHash) {

	/** Suspended and deleted accounts cannot sign in, and their sessions stop working. */
	public boolean maySignIn() {
		return this.status == UserStatus.active || this.status == UserStatus.inactive;
	}

	@Override
	public String toString() {
		return "LoginAccount[id=" + this.id + ", role=" + this.role + ", status=" + this.status + "]";
	}

}
