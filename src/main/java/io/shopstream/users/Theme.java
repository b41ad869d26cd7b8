package io.shopstream.users;

/** UI theme preference. */
public enum Theme {

	light, dark, auto

}
