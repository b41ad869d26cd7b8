package io.shopstream.users;

/** Account status, written exactly as stored and sent. */
public enum UserStatus {

	/** In use; may sign in. */
	active,

	/** Inactive, yet may still sign in. */
	inactive,

	/** May not sign in. */
	suspended,

	/** Deleted: left out of lookups and, unless asked for, of lists; may not sign in. */
	deleted

}
