package io.shopstream.wallet;

import java.math.BigDecimal;
import java.time.Clock;

import io.shopstream.platform.mongo.Transactions;
import io.shopstream.platform.security.Caller;
import io.shopstream.platform.web.paging.Page;
import io.shopstream.platform.web.paging.PageRequest;
import io.shopstream.users.Balances;
import io.shopstream.wallet.Ledger.Change;
import org.bson.types.ObjectId;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Balances as money: admins' adjustments, and orders paid from the balance and refunded.
 * Each is a balance change and its ledger entry; an adjustment is one transaction of its
 * own, a payment or refund joins the transaction of the order it pays for.
 */
@Service
public class Wallet {

	private final Balances balances;

	private final Ledger ledger;

	private final Amounts amounts;

	private final Transactions transactions;

	private final Clock clock;

	Wallet(Balances balances, Ledger ledger, Amounts amounts, Transactions transactions, Clock clock) {
		this.balances = balances;
		this.ledger = ledger;
		this.amounts = amounts;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** The currency balances are kept in. */
	public String currency() {
		return this.amounts.currency();
	}

	/**
	 * An admin credits (positive amount) or debits (negative) a user who is not deleted:
	 * the balance change and its ledger entry in one transaction.
	 */
	Mono<LedgerEntry> adjust(Caller admin, ObjectId user, BigDecimal amount, String reason) {
		Change change = Change.adjustment(user, amount, reason, admin.userId());
		return this.transactions.atomically(() -> this.balances.adjust(user, amount)
			.flatMap((balance) -> this.ledger.record(change, balance, this.clock.instant())));
	}

	/**
	 * Takes an order's total from the buyer's balance, in the transaction that places the
	 * order: 409 naming {@code balance} when it is short.
	 */
	public Mono<Void> pay(ObjectId buyer, BigDecimal total, ObjectId order) {
		Change change = Change.order(buyer, LedgerType.purchase, total.negate(), order, buyer.toHexString());
		return this.balances.debit(buyer, total)
			.flatMap((balance) -> this.ledger.record(change, balance, this.clock.instant()))
			.then();
	}

	/**
	 * Gives an order's total back to the buyer, in the transaction that cancels the
	 * order.
	 */
	public Mono<Void> refund(ObjectId buyer, BigDecimal total, ObjectId order, String by) {
		Change change = Change.order(buyer, LedgerType.refund, total, order, by);
		return this.balances.refund(buyer, total)
			.flatMap((balance) -> this.ledger.record(change, balance, this.clock.instant()))
			.then();
	}

	Mono<Page<LedgerEntry>> ledger(ObjectId user, PageRequest page) {
		return this.ledger.page(user, page);
	}

}
