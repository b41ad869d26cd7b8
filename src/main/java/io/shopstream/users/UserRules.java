package io.shopstream.users;

/**
 * The shape rules for user fields, shared by the request records and the collection
 * validator.
 */
final class UserRules {

	/** The playbook's email pattern, also enforced by the collection's validator. */
	static final String EMAIL = "^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$";

	static final String USERNAME = "^[A-Za-z0-9_.-]{3,50}$";

	static final int PASSWORD_MIN = 12;

	static final int PASSWORD_MAX = 128;

	private UserRules() {
	}

}
