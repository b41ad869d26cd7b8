package io.shopstream.platform.security;

import reactor.core.publisher.Mono;

/**
 * Resolves an opaque session token to its caller, or to empty when the token is unknown,
 * expired, or its user may no longer sign in. Implemented by the auth feature.
 */
public interface SessionAuthenticator {

	Mono<Caller> authenticate(String token);

}
