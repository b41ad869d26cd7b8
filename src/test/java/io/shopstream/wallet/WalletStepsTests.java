package io.shopstream.wallet;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.shopstream.platform.web.ConflictException;
import io.shopstream.platform.web.NotFoundException;
import io.shopstream.support.Accounts;
import io.shopstream.support.Accounts.Account;
import io.shopstream.support.EmbeddedApiTest;
import io.shopstream.users.Balances;
import io.shopstream.wallet.TransferService.Request;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The steps a transfer's, a payment's and a refund's transaction is made of, run one by
 * one on the embedded back-end, which has no transactions: each query and update does
 * what the transaction counts on (a debit never below zero, a credit only to an active
 * user, entries with the balance they left), every command it sends is held against
 * MongoDB 7.0's rules, and what they write reads back through the API. The transactions
 * themselves run in the real-MongoDB suite ({@code WalletApiOnMongoDbTests},
 * {@code WalletInvariantOnMongoDbTests}).
 */
@EmbeddedApiTest
class WalletStepsTests {

	@Autowired
	WebTestClient anonymous;

	@Autowired
	TransferService transfers;

	@Autowired
	Wallet wallet;

	@Autowired
	Balances balances;

	WebTestClient admin;

	Account payer;

	Account payee;

	@BeforeEach
	void signIn() {
		this.admin = Accounts.admin(this.anonymous);
		this.payer = Accounts.signUp(this.anonymous, "steps");
		this.payee = Accounts.signUp(this.anonymous, "steps");
	}

	@Test
	void a_transfers_steps_move_the_money_and_record_it_on_both_sides() {
		ObjectId from = new ObjectId(this.payer.id());
		ObjectId to = new ObjectId(this.payee.id());
		StepVerifier.create(this.balances.adjust(from, new BigDecimal("30.00")))
			.expectNextMatches((balance) -> balance.compareTo(new BigDecimal("30.00")) == 0)
			.verifyComplete();
		Transfer made = this.transfers
			.move(new Request(from, to, new BigDecimal("12.34"), "rent", "k-1"), this.payer.id())
			.block();
		assertThat(Wallets.balance(this.admin, this.payer.id())).isEqualTo("17.66");
		assertThat(Wallets.balance(this.admin, this.payee.id())).isEqualTo("12.34");
		Map<String, Object> sent = Wallets.all(this.payer.client(), "/api/v1/users/" + this.payer.id() + "/ledger")
			.get(0);
		assertThat(sent).containsEntry("type", "transfer")
			.containsEntry("amount", "-12.34")
			.containsEntry("balance", "17.66")
			.containsEntry("transfer_id", made.id())
			.containsEntry("counterparty", this.payee.id());
		List<Map<String, Object>> received = Wallets.all(this.payee.client(), "/api/v1/transfers");
		assertThat(received).singleElement()
			.satisfies((transfer) -> assertThat(transfer).containsEntry("id", made.id())
				.containsEntry("amount", "12.34")
				.containsEntry("note", "rent")
				.doesNotContainKey("fingerprint"));
		assertThat(Instant.parse((String) received.get(0).get("timestamp")))
			.as("the transfer answered first is the one a replay reads back, to its timestamp (the clock ticks in MongoDB's milliseconds)")
			.isEqualTo(made.timestamp());
	}

	@Test
	void a_debit_larger_than_the_balance_matches_nothing_and_names_the_balance() {
		ObjectId from = new ObjectId(this.payer.id());
		this.balances.adjust(from, new BigDecimal("5.00")).block();
		StepVerifier.create(this.balances.debit(from, new BigDecimal("5.01")))
			.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(ConflictException.class)
				.hasMessageContaining("5.00")
				.extracting((conflict) -> ((ConflictException) conflict).field())
				.isEqualTo("balance"))
			.verify();
		StepVerifier.create(this.balances.adjust(from, new BigDecimal("-5.01")))
			.expectError(ConflictException.class)
			.verify();
		assertThat(Wallets.balance(this.admin, this.payer.id())).isEqualTo("5.00");
	}

	@Test
	void a_credit_reaches_only_an_active_user() {
		ObjectId to = new ObjectId(this.payee.id());
		Wallets.setStatus(this.admin, this.payee.id(), "suspended");
		StepVerifier.create(this.balances.creditActive(to, BigDecimal.ONE))
			.expectErrorSatisfies((failure) -> assertThat(((ConflictException) failure).field()).isEqualTo("to"))
			.verify();
		StepVerifier.create(this.balances.creditActive(new ObjectId(), BigDecimal.ONE))
			.expectError(NotFoundException.class)
			.verify();
		assertThat(Wallets.balance(this.admin, this.payee.id())).isEqualTo("0.00");
	}

	@Test
	void a_payment_and_its_refund_are_ledger_entries_naming_the_order() {
		ObjectId buyer = new ObjectId(this.payer.id());
		ObjectId order = new ObjectId();
		this.balances.adjust(buyer, new BigDecimal("50.00")).block();
		this.wallet.pay(buyer, new BigDecimal("19.99"), order).block();
		assertThat(Wallets.balance(this.admin, this.payer.id())).isEqualTo("30.01");
		this.wallet.refund(buyer, new BigDecimal("19.99"), order, this.payer.id()).block();
		assertThat(Wallets.balance(this.admin, this.payer.id())).isEqualTo("50.00");
		List<Map<String, Object>> ledger = Wallets.all(this.payer.client(),
				"/api/v1/users/" + this.payer.id() + "/ledger");
		assertThat(ledger).extracting((entry) -> entry.get("type")).containsExactly("refund", "purchase");
		assertThat(ledger).extracting((entry) -> entry.get("order_id"))
			.containsExactly(order.toHexString(), order.toHexString());
		assertThat(ledger).extracting((entry) -> entry.get("balance")).containsExactly("50.00", "30.01");
	}

}
