package io.shopstream.users;

import java.math.BigDecimal;
import java.time.Clock;

import io.shopstream.platform.web.ConflictException;
import io.shopstream.platform.web.NotFoundException;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Changes to a user's balance, each one conditional update ({@code findAndModify} with
 * {@code new: true}) that answers the balance it left, so a ledger entry can record it. A
 * balance never goes below zero: a debit matches only a balance at least as large. These
 * run inside the caller's transaction when there is one; on their own they are
 * single-document atomic, no more.
 */
@Service
public class Balances {

	private final ReactiveMongoTemplate template;

	private final Clock clock;

	Balances(ReactiveMongoTemplate template, Clock clock) {
		this.template = template;
		this.clock = clock;
	}

	/**
	 * Takes {@code amount} from an active user's balance. 404 when there is no such user
	 * (or they are deleted), 409 naming {@code status} when the account is not active,
	 * 409 naming {@code balance} when the balance is smaller.
	 * @return the balance left
	 */
	public Mono<BigDecimal> debit(ObjectId user, BigDecimal amount) {
		Query covered = Query.query(Criteria.where("_id")
			.is(user)
			.and("status")
			.is(UserStatus.active)
			.and("balance")
			.gte(new Decimal128(amount)));
		return change(covered, amount.negate())
			.switchIfEmpty(Mono.defer(() -> explain(user, "sender").flatMap((found) -> Mono.error(new ConflictException(
					"The balance (" + found.balance() + ") is less than " + amount.toPlainString(), "balance")))));
	}

	/**
	 * Adds {@code amount} to an active user's balance: the credit side of a transfer. 404
	 * when there is no such user, 409 naming {@code to} when the account is not active.
	 * @return the new balance
	 */
	public Mono<BigDecimal> creditActive(ObjectId user, BigDecimal amount) {
		Query active = Query.query(Criteria.where("_id").is(user).and("status").is(UserStatus.active));
		return change(active, amount).switchIfEmpty(Mono.defer(() -> explain(user, "recipient")
			.then(Mono.error(new ConflictException("The recipient's account changed meanwhile; try again", "to")))));
	}

	/**
	 * Adds a signed {@code amount} to the balance of a user who is not deleted, whatever
	 * their status (an admin's adjustment, a refund): 404 when there is no such user, 409
	 * naming {@code balance} when a negative amount is more than the balance.
	 * @return the new balance
	 */
	public Mono<BigDecimal> adjust(ObjectId user, BigDecimal amount) {
		Criteria criteria = Criteria.where("_id").is(user).and("status").ne(UserStatus.deleted);
		if (amount.signum() < 0) {
			criteria = criteria.and("balance").gte(new Decimal128(amount.negate()));
		}
		return change(Query.query(criteria), amount)
			.switchIfEmpty(Mono.defer(() -> find(user).switchIfEmpty(Mono.error(() -> notFound(user)))
				.flatMap((found) -> Mono.error(new ConflictException(
						"The balance (" + found.balance() + ") is less than " + amount.negate().toPlainString(),
						"balance")))));
	}

	/**
	 * Gives {@code amount} back to a user whatever their status, deleted included (a
	 * refund of what they paid): 404 only when there is no such user.
	 * @return the new balance
	 */
	public Mono<BigDecimal> refund(ObjectId user, BigDecimal amount) {
		return change(Query.query(Criteria.where("_id").is(user)), amount)
			.switchIfEmpty(Mono.error(() -> notFound(user)));
	}

	private Mono<BigDecimal> change(Query query, BigDecimal amount) {
		query.fields().include("balance");
		Update update = new Update().inc("balance", new Decimal128(amount)).set("updated_at", this.clock.instant());
		return this.template.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true), User.class)
			.map(User::balance);
	}

	/**
	 * Why a change matched no active user: 404 when there is none, 409 naming
	 * {@code status} (for the sender) or {@code to} (for the recipient) when the account
	 * is not active; the user otherwise, for the caller to say what else failed.
	 */
	private Mono<User> explain(ObjectId user, String side) {
		return find(user).switchIfEmpty(Mono.error(() -> notFound(user))).flatMap((found) -> {
			if (found.status() != UserStatus.active) {
				return Mono.error(new ConflictException("The " + side + "'s account is " + found.status(),
						"sender".equals(side) ? "from" : "to"));
			}
			return Mono.just(found);
		});
	}

	private Mono<User> find(ObjectId user) {
		Query query = Query.query(Criteria.where("_id").is(user).and("status").ne(UserStatus.deleted));
		query.fields().include("balance", "status");
		return this.template.findOne(query, User.class);
	}

	private static NotFoundException notFound(ObjectId user) {
		return new NotFoundException("No user with id " + user.toHexString());
	}

}
