package io.shopstream.users;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

/**
 * The login throttle, for every place that checks a password: login, and the current
 * password asked to change one's password or email (so the change cannot be used to guess
 * a password that login would stop guessing). Provided by the auth feature, which keeps
 * the counters in MongoDB, so every replica counts the same attempts.
 * <p>
 * An attempt is counted before its password is checked, atomically: of a burst of
 * parallel attempts, at most the limit get their password checked, and the rest are
 * refused.
 */
public interface PasswordAttempts {

	/**
	 * Counts one attempt against each of these logins (an account's email and username)
	 * and the address. Emits how long the caller must wait when any of them has used up
	 * this minute's attempts; completes empty when the password may be checked.
	 */
	Mono<Duration> begin(List<String> logins, String address);

	/**
	 * The attempt's password was right: it no longer counts against the address, and the
	 * logins' failures are forgotten.
	 */
	Mono<Void> succeeded(List<String> logins, String address);

}
