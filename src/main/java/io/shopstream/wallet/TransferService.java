package io.shopstream.wallet;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

import io.shopstream.platform.mongo.Transactions;
import io.shopstream.platform.security.Caller;
import io.shopstream.platform.web.NotFoundException;
import io.shopstream.platform.web.UnprocessableException;
import io.shopstream.platform.web.paging.Keyset;
import io.shopstream.platform.web.paging.KeysetPager;
import io.shopstream.platform.web.paging.Page;
import io.shopstream.platform.web.paging.PageRequest;
import io.shopstream.users.Balances;
import io.shopstream.wallet.Ledger.Change;
import org.bson.types.ObjectId;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Moves money between two users, once per idempotency key. One transaction reads the
 * sender's key (a transfer already made under it is answered again, moving nothing),
 * debits the sender on the condition that the balance covers the amount, credits the
 * recipient only if they are active, and records the transfer and both ledger entries;
 * any refusal aborts all of it. Two requests racing with one key cannot both record: the
 * unique index on (from, idempotency_key) refuses the second, with a write conflict while
 * the first is uncommitted (a {@code TransientTransactionError}: it runs again and finds
 * the first transfer) or a duplicate key once it is committed, after which it reads what
 * the first recorded
 * (https://www.mongodb.com/docs/manual/core/transactions-in-applications/, "Transaction
 * Error Handling").
 */
@Service
class TransferService {

	private static final Keyset NEWEST_FIRST = Keyset.by("timestamp", Sort.Direction.DESC);

	private final ReactiveMongoTemplate template;

	private final Transactions transactions;

	private final Balances balances;

	private final Ledger ledger;

	private final Amounts amounts;

	private final KeysetPager pager;

	private final Clock clock;

	TransferService(ReactiveMongoTemplate template, Transactions transactions, Balances balances, Ledger ledger,
			Amounts amounts, KeysetPager pager, Clock clock) {
		this.template = template;
		this.transactions = transactions;
		this.balances = balances;
		this.ledger = ledger;
		this.amounts = amounts;
		this.pager = pager;
		this.clock = clock;
	}

	/**
	 * Makes the transfer, or answers the one this sender already made with this key.
	 * @param request checked: the amount positive and at the currency's scale, sender and
	 * recipient different
	 */
	Mono<Receipt> transfer(Caller caller, Request request) {
		String fingerprint = request.fingerprint();
		return this.transactions
			.atomically(() -> byKey(request.from(), request.key()).map((made) -> replay(made, fingerprint))
				.switchIfEmpty(Mono.defer(() -> move(request, caller.userId()).map(Receipt::new))))
			.onErrorResume(DuplicateKeyException.class,
					(clash) -> this.transactions.atomically(() -> byKey(request.from(), request.key()))
						.map((made) -> replay(made, fingerprint))
						.switchIfEmpty(Mono.error(clash)));
	}

	/**
	 * The debit, the credit, the transfer record and both ledger entries, one after the
	 * other in the caller's transaction: the drivers do not run operations of one
	 * transaction in parallel ("Parallel Operations Not Supported", e.g.
	 * https://www.mongodb.com/docs/languages/python/pymongo-driver/current/crud/transactions/),
	 * and a transaction writes only to collections that exist
	 * (https://www.mongodb.com/docs/manual/reference/method/Session.startTransaction/),
	 * which {@code SchemaInitializer} creates at start-up.
	 */
	Mono<Transfer> move(Request request, String by) {
		Transfer transfer = new Transfer(new ObjectId().toHexString(), Transfer.TYPE, request.from().toHexString(),
				request.to().toHexString(), request.amount(), this.amounts.currency(), request.note(),
				Transfer.COMPLETED, request.key(), request.fingerprint(), by, this.clock.instant());
		Change debit = Change.transfer(request.from(), request.amount().negate(), transfer, transfer.to());
		Change credit = Change.transfer(request.to(), request.amount(), transfer, transfer.from());
		return this.balances.debit(request.from(), request.amount())
			.flatMap((balance) -> this.ledger.record(debit, balance, transfer.timestamp()))
			.then(Mono.defer(() -> this.balances.creditActive(request.to(), request.amount())))
			.flatMap((balance) -> this.ledger.record(credit, balance, transfer.timestamp()))
			.then(Mono.defer(() -> this.template.insert(transfer)));
	}

	private Mono<Transfer> byKey(ObjectId from, String key) {
		return this.template.findOne(Query.query(Criteria.where("from").is(from).and("idempotency_key").is(key)),
				Transfer.class);
	}

	/**
	 * The transfer made with this key, answered again; a 422 when the key was made for
	 * another request.
	 */
	private static Receipt replay(Transfer made, String fingerprint) {
		if (!made.fingerprint().equals(fingerprint)) {
			throw new UnprocessableException("This Idempotency-Key was already used for a different transfer ("
					+ made.id() + "); use a new key for a new transfer", "Idempotency-Key");
		}
		return new Receipt(made, true);
	}

	/** A transfer the caller sent or received; every transfer for an admin. */
	Mono<Transfer> get(Caller caller, ObjectId id) {
		return this.template.findById(id, Transfer.class)
			.filter((transfer) -> caller.isAdmin() || caller.userId().equals(transfer.from())
					|| caller.userId().equals(transfer.to()))
			.switchIfEmpty(Mono.error(() -> new NotFoundException("No transfer with id " + id.toHexString())));
	}

	/**
	 * Transfers newest first: those {@code user} sent or received, or every one when
	 * there is no user.
	 */
	Mono<Page<Transfer>> list(Optional<ObjectId> user, PageRequest page) {
		Criteria criteria = user
			.map((id) -> new Criteria().orOperator(Criteria.where("from").is(id), Criteria.where("to").is(id)))
			.orElse(null);
		return this.pager.page(criteria, NEWEST_FIRST, page, Transfer.class);
	}

	/**
	 * A checked transfer request.
	 *
	 * @param key the sender's {@code Idempotency-Key}
	 */
	record Request(ObjectId from, ObjectId to, BigDecimal amount, String note, String key) {

		/**
		 * A digest of what is asked (not of how it was written: {@code 5} and
		 * {@code "5.00"} are one amount), for telling a replay from a reuse of the key.
		 */
		String fingerprint() {
			String asked = String.join("\n", this.from.toHexString(), this.to.toHexString(),
					this.amount.toPlainString(), (this.note != null) ? this.note : "");
			try {
				return HexFormat.of()
					.formatHex(MessageDigest.getInstance("SHA-256").digest(asked.getBytes(StandardCharsets.UTF_8)));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("Every Java platform has SHA-256", ex);
			}
		}

	}

	/**
	 * A transfer and whether it was made before, under the same key.
	 */
	record Receipt(Transfer transfer, boolean replayed) {

		Receipt(Transfer transfer) {
			this(transfer, false);
		}

	}

}
