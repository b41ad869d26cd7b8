package io.shopstream.auth;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.shopstream.auth.SessionService.OpenedSession;
import io.shopstream.platform.security.Passwords;
import io.shopstream.platform.web.InvalidRequestException;
import io.shopstream.platform.web.TooManyRequestsException;
import io.shopstream.users.LoginAccount;
import io.shopstream.users.NewUser;
import io.shopstream.users.PasswordAttempts;
import io.shopstream.users.UserService;
import io.shopstream.users.UserView;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Service;

/**
 * Registration and login. A failed login looks the same whatever failed (unknown account,
 * wrong password, suspended account): same status, same body, and an unknown account
 * still costs one bcrypt comparison, so timing does not tell them apart either.
 */
@Service
class AuthService {

	private static final Duration TIMEOUT_GUARD = Duration.ofSeconds(30);

	private final UserService users;

	private final SessionService sessions;

	private final Passwords passwords;

	private final PasswordAttempts attempts;

	/**
	 * Compared against when the account does not exist, to spend the same time as a real
	 * check.
	 */
	private final String decoyHash;

	AuthService(UserService users, SessionService sessions, Passwords passwords, PasswordAttempts attempts) {
		this.users = users;
		this.sessions = sessions;
		this.passwords = passwords;
		this.attempts = attempts;
		this.decoyHash = passwords.hash("decoy password for unknown accounts").block(TIMEOUT_GUARD);
	}

	Mono<UserView> register(NewUser registration) {
		if (registration.role() != null) {
			return Mono.error(InvalidRequestException.forField("role", "is chosen by an admin, not at registration"));
		}
		return this.users.create(registration);
	}

	Mono<OpenedSession> login(Credentials credentials, String clientAddress) {
		List<String> account = List.of(credentials.login().trim().toLowerCase(Locale.ROOT));
		return this.attempts.begin(account, clientAddress)
			.flatMap((wait) -> Mono
				.<OpenedSession>error(new TooManyRequestsException("Too many failed logins; try again later", wait)))
			.switchIfEmpty(Mono.defer(() -> this.users.findForLogin(credentials.login())
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap((found) -> found.isPresent() ? verify(credentials.password(), found.get())
						: this.passwords.matches(credentials.password(), this.decoyHash).then(Mono.empty()))
				.flatMap((found) -> this.sessions.open(found.id(), found.role().name())
					.flatMap((opened) -> this.users.recordLogin(found.id()).thenReturn(opened)))
				.flatMap((opened) -> this.attempts.succeeded(account, clientAddress).thenReturn(opened))
				.switchIfEmpty(Mono.error(() -> new BadCredentialsException("login failed")))));
	}

	private Mono<LoginAccount> verify(String password, LoginAccount account) {
		return this.passwords.matches(password, account.passwordHash())
			.filter((matches) -> matches && account.maySignIn())
			.map((matches) -> account);
	}

	Mono<Void> logout(String token) {
		return this.sessions.close(token);
	}

}
