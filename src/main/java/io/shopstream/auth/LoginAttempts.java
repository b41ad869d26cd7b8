package io.shopstream.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * Password attempts per login and per client address, counted in MongoDB, so that every
 * replica enforces one limit on all of them. Each login and each address has one document
 * ({@code account:<login>}, {@code address:<ip>}) holding its attempts and when its
 * window ends: a window opens at the first attempt and lasts a minute, as the counters
 * held in one process did, so a burst cannot slip past the limit by straddling a clock
 * minute. An attempt is counted before its password is checked, with
 * {@code findAndModify}: atomic on the server, so parallel attempts each get their own
 * number and only those within the limit get their password checked. A right password
 * takes its attempt back from the address and clears the login's window; a wrong one
 * stays counted. Once a login or an address has used up its window, every further attempt
 * is refused until the window ends, even with the right password.
 */
@Component
class LoginAttempts implements PasswordAttempts {

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private static final String ATTEMPTS = "attempts";

	/** When the window ends; also what the TTL index deletes the document by. */
	private static final String ENDS = "expires_at";

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
			Instant now = this.clock.instant();
			return Flux.fromIterable(keys(logins, address))
				.concatMap((key) -> count(key, now))
				.filter((window) -> window.get(ATTEMPTS, Number.class).intValue() > this.limit)
				.next()
				.map((window) -> Duration.between(now, window.getDate(ENDS).toInstant()));
		});
	}

	@Override
	public Mono<Void> succeeded(List<String> logins, String address) {
		return Mono.defer(() -> {
			Date now = Date.from(this.clock.instant());
			Query addressWindow = Query
				.query(Criteria.where("_id").is(key("address", address)).and(ATTEMPTS).gt(0).and(ENDS).gt(now));
			Query loginWindows = Query
				.query(Criteria.where("_id").in(logins.stream().map((login) -> key("account", login)).toList()));
			return this.template
				.updateFirst(addressWindow, new Update().inc(ATTEMPTS, -1), LoginAttemptSchema.COLLECTION)
				.then(this.template.remove(loginWindows, LoginAttemptSchema.COLLECTION))
				.then();
		});
	}

	/**
	 * Counts one attempt in the key's open window, or opens a new one. The window is
	 * counted in where it is still open; where it is missing or over, an upsert that
	 * matches only an ended window starts it again at one. Two replicas opening the same
	 * window at once both try to insert it: the loser gets a duplicate key and counts
	 * again, now in the window the winner opened. (A real server may also retry an upsert
	 * whose duplicate key is exactly the query's {@code _id} itself: SERVER-37124 for
	 * update, SERVER-47212 for findAndModify,
	 * https://jira.mongodb.org/browse/SERVER-47212; here the query also bounds the
	 * window's end, so the retry is the service's.)
	 */
	private Mono<Document> count(String key, Instant now) {
		Date at = Date.from(now);
		Mono<Document> inOpenWindow = this.template.findAndModify(
				Query.query(Criteria.where("_id").is(key).and(ENDS).gt(at)), new Update().inc(ATTEMPTS, 1),
				FindAndModifyOptions.options().returnNew(true), Document.class, LoginAttemptSchema.COLLECTION);
		Mono<Document> newWindow = this.template.findAndModify(
				Query.query(Criteria.where("_id").is(key).and(ENDS).lte(at)),
				new Update().set(ATTEMPTS, 1).set(ENDS, Date.from(now.plus(WINDOW))),
				FindAndModifyOptions.options().returnNew(true).upsert(true), Document.class,
				LoginAttemptSchema.COLLECTION);
		return inOpenWindow.switchIfEmpty(newWindow)
			.retryWhen(Retry.max(2).filter(DuplicateKeyException.class::isInstance));
	}

	private static List<String> keys(List<String> logins, String address) {
		List<String> keys = new ArrayList<>();
		logins.forEach((login) -> keys.add(key("account", login)));
		keys.add(key("address", address));
		return keys;
	}

	private static String key(String kind, String value) {
		return kind + ":" + value;
	}

}
