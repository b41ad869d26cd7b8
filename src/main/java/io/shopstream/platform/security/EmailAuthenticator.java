package io.shopstream.platform.security;

import reactor.core.publisher.Mono;

/**
 * Resolves an email address that a trusted issuer vouched for to the caller of that
 * Shopstream account, with the role the account has now, or to empty when no account has
 * that address or the account may no longer sign in. Implemented by the auth feature.
 */
public interface EmailAuthenticator {

	Mono<Caller> authenticate(String email);

}
