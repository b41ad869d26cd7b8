package io.shopstream.users;

import io.shopstream.users.Preferences.Notifications;
import io.shopstream.users.Profile.Location;

import org.springframework.data.mongodb.core.query.Update;

/** Turns a partial update into {@code $set}s of exactly the fields the client sent. */
final class UserUpdates {

	private UserUpdates() {
	}

	static Update from(UserChanges changes, String passwordHash) {
		Update update = new Update();
		setIfPresent(update, "email", (changes.email() != null) ? UserService.normalizeEmail(changes.email()) : null);
		setIfPresent(update, "username", changes.username());
		setIfPresent(update, "password_hash", passwordHash);
		setIfPresent(update, "status", changes.status());
		setIfPresent(update, "role", changes.role());
		Profile profile = changes.profile();
		if (profile != null) {
			setIfPresent(update, "profile.first_name", profile.firstName());
			setIfPresent(update, "profile.last_name", profile.lastName());
			setIfPresent(update, "profile.avatar_url", profile.avatarUrl());
			setIfPresent(update, "profile.bio", profile.bio());
			Location location = profile.location();
			if (location != null) {
				setIfPresent(update, "profile.location.city", location.city());
				setIfPresent(update, "profile.location.country", location.country());
				setIfPresent(update, "profile.location.coordinates", location.coordinates());
			}
		}
		Preferences preferences = changes.preferences();
		if (preferences != null) {
			setIfPresent(update, "preferences.theme", preferences.theme());
			Notifications notifications = preferences.notifications();
			if (notifications != null) {
				setIfPresent(update, "preferences.notifications.email", notifications.email());
				setIfPresent(update, "preferences.notifications.push", notifications.push());
				setIfPresent(update, "preferences.notifications.sms", notifications.sms());
			}
		}
		return update;
	}

	private static void setIfPresent(Update update, String field, Object value) {
		if (value != null) {
			update.set(field, value);
		}
	}

}
