package io.shopstream.users;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The login throttle, for other places that check a password: a wrong current password
 * when changing one's password or email counts as a failed login, so the change cannot be
 * used to guess a password that login would stop guessing. Provided by the auth feature,
 * which keeps the counters.
 */
public interface PasswordAttempts {

	/**
	 * How long the caller must wait, when one of these logins or the address is over the
	 * limit.
	 */
	Optional<Duration> blockedFor(List<String> logins, String address);

	/**
	 * Counts a wrong password against each of these logins (an account's email and
	 * username) and the address.
	 */
	void recordFailure(List<String> logins, String address);

}
