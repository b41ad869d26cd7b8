package io.shopstream.users;

/** Display and notification preferences. */
public record Preferences(Theme theme, Notifications notifications) {

	public record Notifications(Boolean email, Boolean push, Boolean sms) {
	}

}
