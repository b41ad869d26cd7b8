package io.shopstream.auth;

import io.shopstream.platform.security.Caller;
import io.shopstream.platform.security.EmailAuthenticator;
import io.shopstream.users.UserService;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The Shopstream account a JWT from the configured issuer speaks for, found by email and
 * read again on every request, so that suspending or deleting the account refuses its
 * JWTs at once, as it ends its sessions.
 */
@Component
class JwtAccounts implements EmailAuthenticator {

	private final UserService users;

	JwtAccounts(UserService users) {
		this.users = users;
	}

	@Override
	public Mono<Caller> authenticate(String email) {
		return this.users.accountByEmail(email)
			.filter((account) -> account.maySignIn())
			.map((account) -> new Caller(account.id(), account.role().name()));
	}

}
