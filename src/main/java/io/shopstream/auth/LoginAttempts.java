package io.shopstream.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import io.shopstream.platform.security.SecurityProperties;
import io.shopstream.users.PasswordAttempts;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Password attempts per login and per client address, counted in MongoDB in one-minute
 * windows, so that every replica enforces one limit on all of them. Each window is a
 * document of its own ({@code account:<login>:<minute>}, {@code address:<ip>:<minute>}),
 * incremented with {@code findAndModify} and {@code upsert}: atomic on the server, so
 * parallel attempts each get their own count, and only those within the limit get their
 * password checked. A right password takes its attempt back from the address and clears
 * the login's window; a wrong one stays counted. Once a login or an address has used up a
 * window, every further attempt is refused until the window ends, even with the right
 * password.
 */
@Component
class LoginAttempts implements PasswordAttempts {

	private static final long WINDOW_MILLIS = Duration.ofMinutes(1).toMillis();

	private static final String ATTEMPTS = "attempts";

	private final ReactiveMongoTemplate template;

	private final int limit;

	private final Clock clock;

	LoginAttempts(ReactiveMongoTemplate template, SecurityProperties properties, Clock clock) {
		this.template = template;
		this.limit = properties.loginFailuresPerMinute();
		this.clock = clock;
	}

	@Override
	public Mono<Duration> begin(List<String> logins, String address) {
		return Mono.defer(() -> {
			long now = this.clock.millis();
			long window = now / WINDOW_MILLIS;
			Date expires = new Date((window + 2) * WINDOW_MILLIS);
			return Flux.fromIterable(keys(logins, address, window))
				.concatMap((key) -> count(key, expires))
				.any((attempts) -> attempts > this.limit)
				.filter(Boolean::booleanValue)
				.map((over) -> Duration.ofMillis((window + 1) * WINDOW_MILLIS - now));
		});
	}

	@Override
	public Mono<Void> succeeded(List<String> logins, String address) {
		return Mono.defer(() -> {
			long window = this.clock.millis() / WINDOW_MILLIS;
			Query addressWindow = Query
				.query(Criteria.where("_id").is(key("address", address, window)).and(ATTEMPTS).gt(0));
			Query loginWindows = Query.query(
					Criteria.where("_id").in(logins.stream().map((login) -> key("account", login, window)).toList()));
			return this.template
				.updateFirst(addressWindow, new Update().inc(ATTEMPTS, -1), LoginAttemptSchema.COLLECTION)
				.then(this.template.remove(loginWindows, LoginAttemptSchema.COLLECTION))
				.then();
		});
	}

	/**
	 * This attempt's number in the key's window. Two replicas creating the same window at
	 * once may both try to insert it. A real server retries such an upsert itself when
	 * the duplicate key is exactly the query's {@code _id} (SERVER-37124 for update,
	 * SERVER-47212 for findAndModify, https://jira.mongodb.org/browse/SERVER-47212); any
	 * DuplicateKey that still reaches the service is simply asked again.
	 */
	private Mono<Integer> count(String key, Date expires) {
		return this.template
			.findAndModify(Query.query(Criteria.where("_id").is(key)),
					new Update().inc(ATTEMPTS, 1).setOnInsert("expires_at", expires),
					FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class,
					LoginAttemptSchema.COLLECTION)
			.map((window) -> window.get(ATTEMPTS, Number.class).intValue())
			.retryWhen(Retry.max(2).filter(DuplicateKeyException.class::isInstance));
	}

	private static List<String> keys(List<String> logins, String address, long window) {
		List<String> keys = new ArrayList<>();
		logins.forEach((login) -> keys.add(key("account", login, window)));
		keys.add(key("address", address, window));
		return keys;
	}

	private static String key(String kind, String value, long window) {
		return kind + ":" + value + ":" + window;
	}

}
