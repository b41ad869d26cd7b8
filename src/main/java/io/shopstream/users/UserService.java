package io.shopstream.users;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.shopstream.platform.security.Passwords;
import io.shopstream.platform.web.InvalidRequestException;
import io.shopstream.platform.web.NotFoundException;
import io.shopstream.platform.web.paging.Keyset;
import io.shopstream.platform.web.paging.KeysetPager;
import io.shopstream.platform.web.paging.Page;
import io.shopstream.platform.web.paging.PageRequest;
import org.bson.types.ObjectId;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Creates, lists, changes and soft-deletes users. A deleted user is gone for every
 * operation here except a list that asks for {@code status=deleted}.
 */
@Service
public class UserService {

	/** What a user list shows unless asked for one status: everyone not deleted. */
	private static final List<UserStatus> LISTED_BY_DEFAULT = Arrays.stream(UserStatus.values())
		.filter((status) -> status != UserStatus.deleted)
		.toList();

	private final UserRepository repository;

	private final ReactiveMongoTemplate template;

	private final KeysetPager pager;

	private final Passwords passwords;

	private final Clock clock;

	UserService(UserRepository repository, ReactiveMongoTemplate template, KeysetPager pager, Passwords passwords,
			Clock clock) {
		this.repository = repository;
		this.template = template;
		this.pager = pager;
		this.passwords = passwords;
		this.clock = clock;
	}

	public Mono<UserView> create(NewUser request) {
		return this.passwords.hash(request.password()).flatMap((hash) -> insert(request, hash));
	}

	/**
	 * Creates a user with this hash of their password; {@code request.password()} is not
	 * read.
	 */
	Mono<UserView> insert(NewUser request, String passwordHash) {
		Instant now = this.clock.instant();
		User user = new User(null, normalizeEmail(request.email()), request.username(), passwordHash, request.profile(),
				request.preferences(), UserStatus.active, (request.role() != null) ? request.role() : Role.user,
				BigDecimal.ZERO.setScale(2), now, now, null, null);
		return this.repository.insert(user).map(UserView::of);
	}

	public Mono<Boolean> emailTaken(String email) {
		return this.template.exists(Query.query(Criteria.where("email").is(normalizeEmail(email))), User.class);
	}

	/** The account behind an email address or username, for signing in. */
	public Mono<LoginAccount> findForLogin(String login) {
		String trimmed = login.trim();
		Criteria criteria = trimmed.contains("@") ? Criteria.where("email").is(normalizeEmail(trimmed))
				: Criteria.where("username").is(trimmed);
		return this.template.findOne(Query.query(criteria), User.class)
			.map((user) -> new LoginAccount(user.id(), user.role(), user.status(), user.passwordHash()));
	}

	/** The account's current role and status, read on every authenticated request. */
	public Mono<LoginAccount> account(String id) {
		if (!ObjectId.isValid(id)) {
			return Mono.empty();
		}
		Query query = Query.query(Criteria.where("_id").is(new ObjectId(id)));
		query.fields().include("role", "status");
		return this.template.findOne(query, User.class)
			.map((user) -> new LoginAccount(user.id(), user.role(), user.status(), null));
	}

	/**
	 * The current role and status of the account with this email address, for a sign-in
	 * that another issuer vouched for; never matched against usernames.
	 */
	public Mono<LoginAccount> accountByEmail(String email) {
		Query query = Query.query(Criteria.where("email").is(normalizeEmail(email)));
		query.fields().include("role", "status");
		return this.template.findOne(query, User.class)
			.map((user) -> new LoginAccount(user.id(), user.role(), user.status(), null));
	}

	public Mono<Void> recordLogin(String id) {
		Update update = new Update().set("last_login_at", this.clock.instant());
		return this.template.updateFirst(Query.query(Criteria.where("_id").is(new ObjectId(id))), update, User.class)
			.then();
	}

	/**
	 * Creates the admin account when no user has this email yet; does nothing otherwise,
	 * so every replica can run it at every start.
	 */
	public Mono<Boolean> ensureAdmin(String email, String username, String password) {
		return this.template.exists(Query.query(Criteria.where("email").is(normalizeEmail(email))), User.class)
			.flatMap((exists) -> exists ? Mono.just(false)
					: create(new NewUser(email, username, password, null, null, Role.admin)).thenReturn(true)
						.onErrorResume(DuplicateKeyException.class, (ex) -> Mono.just(false)));
	}

	public Mono<Page<UserView>> list(UserFilter filter, PageRequest page) {
		// Every status but deleted, named one by one: equality on each, so the status_id
		// and status_role_id indexes give the _id order (a $ne is a range, which
		// cannot).
		Criteria criteria = filter.status()
			.map((status) -> Criteria.where("status").is(status))
			.orElseGet(() -> Criteria.where("status").in(LISTED_BY_DEFAULT));
		filter.role().ifPresent((role) -> criteria.and("role").is(role));
		return this.pager.page(criteria, Keyset.BY_ID, page, User.class).map((users) -> users.map(UserView::of));
	}

	public Mono<UserView> get(ObjectId id) {
		return findLive(id).map(UserView::of);
	}

	public Mono<UserView> update(ObjectId id, UserChanges changes) {
		if (changes.status() == UserStatus.deleted) {
			return Mono.error(InvalidRequestException.forField("status", "use DELETE to delete a user"));
		}
		Mono<String> newHash = (changes.password() != null) ? this.passwords.hash(changes.password()) : Mono.just("");
		return newHash.flatMap((hash) -> {
			Update update = UserUpdates.from(changes, hash.isEmpty() ? null : hash)
				.set("updated_at", this.clock.instant());
			return changeLive(id, update);
		}).switchIfEmpty(Mono.error(() -> notFound(id))).map(UserView::of);
	}

	public Mono<Void> delete(ObjectId id) {
		Instant now = this.clock.instant();
		Update update = new Update().set("status", UserStatus.deleted).set("deleted_at", now).set("updated_at", now);
		return changeLive(id, update).switchIfEmpty(Mono.error(() -> notFound(id))).then();
	}

	/**
	 * One conditional update of a user who is not deleted, returning the user as it now
	 * is (findAndModify with {@code new: true}); empty when there is no such user.
	 */
	private Mono<User> changeLive(ObjectId id, Update update) {
		return this.template.findAndModify(live(id), update, FindAndModifyOptions.options().returnNew(true),
				User.class);
	}

	/** The user, hash included, unless deleted; a 404 otherwise. */
	Mono<User> findLive(ObjectId id) {
		return this.template.findOne(live(id), User.class).switchIfEmpty(Mono.error(() -> notFound(id)));
	}

	private static Query live(ObjectId id) {
		return Query.query(Criteria.where("_id").is(id).and("status").ne(UserStatus.deleted));
	}

	private static NotFoundException notFound(ObjectId id) {
		return new NotFoundException("No user with id " + id.toHexString());
	}

	static String normalizeEmail(String email) {
		return email.trim().toLowerCase(Locale.ROOT);
	}

	/** The filters a user list accepts. */
	public record UserFilter(Optional<UserStatus> status, Optional<Role> role) {
	}

}
