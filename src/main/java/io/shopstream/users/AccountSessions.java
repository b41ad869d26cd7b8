package io.shopstream.users;

import reactor.core.publisher.Mono;

/**
 * Ends an account's sessions when its password changes. Sessions belong to the auth
 * feature, which depends on this one, so this feature states what it needs and auth
 * provides it.
 */
public interface AccountSessions {

	/**
	 * Ends every session of the user but the one this token opened (the request's own).
	 */
	Mono<Void> endOtherSessions(String userId, String keptToken);

	/** Ends every session of the user. */
	Mono<Void> endAllSessions(String userId);

}
