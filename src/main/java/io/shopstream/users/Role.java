package io.shopstream.users;

/** What an account may do, written exactly as stored and sent. */
public enum Role {

	admin, user, guest

}
