package io.shopstream.users;

import java.util.List;
import java.util.Locale;

import io.shopstream.platform.security.Caller;
import io.shopstream.platform.security.Passwords;
import io.shopstream.platform.web.InvalidRequestException;
import io.shopstream.platform.web.TooManyRequestsException;
import org.bson.types.ObjectId;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * {@code PATCH /users/{id}} with the proof and the clean-up that credentials need. A
 * stolen session must not be enough to take an account over, so users changing their own
 * password or email first give the current password (wrong guesses count against the
 * login throttle). A new password ends the sessions opened with the old one: the user's
 * other sessions when they change it themselves (the request's own session stays), all of
 * them when an admin resets it.
 */
@Component
class AccountChanges {

	static final String CURRENT_PASSWORD = "current_password";

	private final UserService users;

	private final Passwords passwords;

	private final PasswordAttempts attempts;

	private final AccountSessions sessions;

	AccountChanges(UserService users, Passwords passwords, PasswordAttempts attempts, AccountSessions sessions) {
		this.users = users;
		this.passwords = passwords;
		this.attempts = attempts;
		this.sessions = sessions;
	}

	/**
	 * Applies the changes for this caller.
	 * @param requestToken the bearer token the request came with, whose session a user's
	 * own password change keeps; a JWT opened no session, so then every session ends
	 * @param clientAddress where the request comes from, for the throttle
	 */
	Mono<UserView> apply(Caller caller, ObjectId id, UserChanges changes, String requestToken, String clientAddress) {
		boolean own = caller.userId().equals(id.toHexString());
		boolean credentials = changes.password() != null || changes.email() != null;
		Mono<Void> proof = (own && credentials) ? prove(id, changes.currentPassword(), clientAddress) : Mono.empty();
		return proof.then(Mono.defer(() -> this.users.update(id, changes)))
			.flatMap((user) -> endSessions(own, id, changes, requestToken).thenReturn(user));
	}

	private Mono<Void> prove(ObjectId id, String currentPassword, String clientAddress) {
		if (currentPassword == null) {
			return Mono.error(InvalidRequestException.forField(CURRENT_PASSWORD,
					"is required to change your own password or email"));
		}
		return this.users.findLive(id).flatMap((user) -> {
			List<String> logins = List.of(user.email(), user.username().toLowerCase(Locale.ROOT));
			return this.attempts.begin(logins, clientAddress)
				.flatMap((wait) -> Mono
					.<Void>error(new TooManyRequestsException("Too many wrong passwords; try again later", wait)))
				.then(Mono.defer(() -> this.passwords.matches(currentPassword, user.passwordHash())))
				.flatMap((matches) -> matches ? this.attempts.succeeded(logins, clientAddress)
						: Mono.error(InvalidRequestException.forField(CURRENT_PASSWORD, "is wrong")));
		});
	}

	private Mono<Void> endSessions(boolean own, ObjectId id, UserChanges changes, String requestToken) {
		if (changes.password() == null) {
			return Mono.empty();
		}
		if (own) {
			return this.sessions.endOtherSessions(id.toHexString(), requestToken);
		}
		return this.sessions.endAllSessions(id.toHexString());
	}

}
