package io.shopstream.users;

/** What an account may do, written exactly as stored and sent. */
public enum Role {

	/** Every right, including over other accounts. */
	admin,

	/** A customer: its own account and orders. */
	user,

	/** Fewer rights than a user. */
	guest

}
