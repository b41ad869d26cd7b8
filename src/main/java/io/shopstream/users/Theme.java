package io.shopstream.users;

/** UI theme preference. */
public enum Theme {

	/** Light colours. */
	light,

	/** Dark colours. */
	dark,

	/** Follows the device's setting. */
	auto

}
