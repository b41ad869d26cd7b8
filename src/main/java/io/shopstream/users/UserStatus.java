package io.shopstream.users;

/** Account status, written exactly as stored and sent. */
public enum UserStatus {

	active, inactive, suspended, deleted

}
