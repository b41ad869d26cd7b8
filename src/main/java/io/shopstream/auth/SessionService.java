package io.shopstream.auth;

import java.time.Clock;
import java.time.Instant;

import io.shopstream.platform.security.Caller;
import io.shopstream.platform.security.SecurityProperties;
import io.shopstream.platform.security.SessionAuthenticator;
import io.shopstream.users.AccountSessions;
import io.shopstream.users.UserService;
import org.bson.types.ObjectId;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Opens, resolves and closes sessions. Resolving checks expiry itself (MongoDB's TTL
 * monitor lags by up to a minute) and reads the user's current status and role, so a
 * suspension or a role change takes effect on the very next request. A password change
 * ends sessions through {@link AccountSessions}.
 */
@Service
class SessionService implements SessionAuthenticator, AccountSessions {

	private final SessionRepository sessions;

	private final ReactiveMongoTemplate template;

	private final SessionTokens tokens;

	private final UserService users;

	private final SecurityProperties properties;

	private final Clock clock;

	SessionService(SessionRepository sessions, ReactiveMongoTemplate template, SessionTokens tokens, UserService users,
			SecurityProperties properties, Clock clock) {
		this.sessions = sessions;
		this.template = template;
		this.tokens = tokens;
		this.users = users;
		this.properties = properties;
		this.clock = clock;
	}

	/** A new session for the user; the token is returned once and never stored. */
	Mono<OpenedSession> open(String userId, String role) {
		String token = this.tokens.newToken();
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(this.properties.sessionLifetime());
		Session session = new Session(null, SessionTokens.hash(token), userId, role, now, expiresAt);
		return this.sessions.insert(session).map((saved) -> new OpenedSession(token, expiresAt));
	}

	@Override
	public Mono<Caller> authenticate(String token) {
		Instant now = this.clock.instant();
		return this.sessions.findByTokenHash(SessionTokens.hash(token))
			.filter((session) -> session.expiresAt().isAfter(now))
			.flatMap((session) -> this.users.account(session.userId()))
			.filter((account) -> account.maySignIn())
			.map((account) -> new Caller(account.id(), account.role().name()));
	}

	Mono<Void> close(String token) {
		return this.sessions.deleteByTokenHash(SessionTokens.hash(token)).then();
	}

	@Override
	public Mono<Void> endOtherSessions(String userId, String keptToken) {
		return end(ofUser(userId).and("token_hash").ne(SessionTokens.hash(keptToken)));
	}

	@Override
	public Mono<Void> endAllSessions(String userId) {
		return end(ofUser(userId));
	}

	private Mono<Void> end(Criteria sessions) {
		return this.template.remove(Query.query(sessions), Session.class).then();
	}

	private static Criteria ofUser(String userId) {
		return Criteria.where("user_id").is(new ObjectId(userId));
	}

	/** A token as handed to the client, with its expiry. */
	record OpenedSession(String token, Instant expiresAt) {

		@Override
		public String toString() {
			return "OpenedSession[expiresAt=" + this.expiresAt + "]";
		}

	}

}
