package io.shopstream.wallet;

import java.util.Map;

import io.shopstream.support.Accounts;
import io.shopstream.support.Accounts.Account;
import io.shopstream.support.Catalogue;
import io.shopstream.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the wallet answers the same on every back-end: who may do what, and the 400s for
 * bad bodies and keys, which come before anything that needs a transaction.
 */
abstract class WalletApiContract {

	@Autowired
	WebTestClient anonymous;

	WebTestClient admin;

	Account payer;

	Account payee;

	@BeforeEach
	void signIn() {
		this.admin = Accounts.admin(this.anonymous);
		this.payer = Accounts.signUp(this.anonymous, "payer");
		this.payee = Accounts.signUp(this.anonymous, "payee");
	}

	@Test
	void a_transfer_with_a_bad_body_or_key_is_a_400_naming_the_field() {
		String to = this.payee.id();
		refused(null, Wallets.transferBody(to, "1.00"), "Idempotency-Key");
		refused("has a space", Wallets.transferBody(to, "1.00"), "Idempotency-Key");
		refused("k".repeat(256), Wallets.transferBody(to, "1.00"), "Idempotency-Key");
		refused(key(), Wallets.transferBody(to, "0"), "amount");
		refused(key(), Wallets.transferBody(to, "-5.00"), "amount");
		refused(key(), Wallets.transferBody(to, "1.234"), "amount");
		refused(key(), Wallets.transferBody(to, "10000.01"), "amount");
		refused(key(), "{\"to\": \"%s\", \"amount\": \"ten\"}".formatted(to), "amount");
		refused(key(), "{\"amount\": \"1.00\"}", "to");
		refused(key(), Wallets.transferBody("not-an-id", "1.00"), "to");
		refused(key(), Wallets.transferBody(this.payer.id(), "1.00"), "to");
		refused(key(), "{\"to\": \"%s\", \"amount\": \"1.00\", \"note\": \"%s\"}".formatted(to, "n".repeat(201)),
				"note");
		assertThat(Wallets.balance(this.admin, this.payer.id())).isEqualTo("0.00");
	}

	@Test
	void only_admins_adjust_balances_name_a_sender_or_read_others_money() {
		String other = this.payee.id();
		Wallets.transfer(this.anonymous, key(), Wallets.transferBody(other, "1.00")).expectStatus().isUnauthorized();
		this.anonymous.get().uri("/api/v1/users/{id}/ledger", other).exchange().expectStatus().isUnauthorized();
		this.anonymous.get().uri("/api/v1/transfers").exchange().expectStatus().isUnauthorized();
		Wallets.adjust(this.payer.client(), this.payer.id(), "100.00", "a gift to myself").expectStatus().isForbidden();
		Wallets
			.transfer(this.payer.client(), key(),
					"{\"from\": \"%s\", \"to\": \"%s\", \"amount\": \"1.00\"}".formatted(other, this.payer.id()))
			.expectStatus()
			.isForbidden();
		this.payer.client().get().uri("/api/v1/transfers?user={id}", other).exchange().expectStatus().isForbidden();
		this.payer.client().get().uri("/api/v1/users/{id}/ledger", other).exchange().expectStatus().isNotFound();
		this.admin.get().uri("/api/v1/users/{id}/ledger", other).exchange().expectStatus().isOk();
		this.admin.get().uri("/api/v1/transfers?user={id}", other).exchange().expectStatus().isOk();
	}

	@Test
	void an_adjustment_needs_a_non_zero_amount_in_cents_and_a_reason() {
		String user = this.payer.id();
		adjustRefused(user, "0", "a reason", "amount");
		adjustRefused(user, "0.001", "a reason", "amount");
		adjustRefused(user, "-10000.01", "a reason", "amount");
		adjustRefused(user, "5.00", null, "reason");
		adjustRefused(user, "5.00", " ", "reason");
		Wallets.adjust(this.admin, "zz", "5.00", "a reason").expectStatus().isBadRequest();
		assertThat(Wallets.balance(this.admin, user)).isEqualTo("0.00");
	}

	@Test
	void ledgers_and_transfers_are_keyset_pages_in_json_or_ndjson() {
		this.payer.client()
			.get()
			.uri("/api/v1/users/{id}/ledger?limit=10", this.payer.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$")
			.isArray();
		this.payer.client()
			.get()
			.uri("/api/v1/transfers")
			.accept(MediaType.APPLICATION_NDJSON)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_NDJSON);
		this.payer.client()
			.get()
			.uri("/api/v1/users/{id}/ledger?limit=0", this.payer.id())
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.payer.client().get().uri("/api/v1/transfers?colour=red").exchange().expectStatus().isBadRequest();
	}

	@Test
	void an_order_paid_from_the_balance_is_checked_like_any_order_first_and_must_be_in_the_wallets_currency() {
		String sku = Fixtures.unique("WB-");
		Catalogue.product(this.admin, sku, "3.00", null);
		Catalogue.stock(this.admin, sku, 5);
		this.payer.client()
			.post()
			.uri("/api/v1/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Catalogue.order("NO-SUCH-SKU", "1").replace("\"card\"", "\"balance\""))
			.exchange()
			.expectStatus()
			.isBadRequest();
		String euros = Fixtures.unique("WE-");
		Catalogue.product(this.admin, euros, null, """
				{"sku": "%s", "name": "Euro widget", "category": {"name": "Gadgets", "slug": "gadgets"},
				 "pricing": {"base_price": "3.00", "currency": "EUR", "tax_rate": "0.20"}}""".formatted(euros));
		Catalogue.stock(this.admin, euros, 5);
		this.payer.client()
			.post()
			.uri("/api/v1/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Catalogue.order(euros, "1").replace("\"card\"", "\"balance\""))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("payment_method");
		assertThat(stock(euros)).containsEntry("available", 5);
	}

	void refused(String key, String body, String field) {
		Wallets.transfer(this.payer.client(), key, body)
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo(field);
	}

	private void adjustRefused(String user, String amount, String reason, String field) {
		Wallets.adjust(this.admin, user, amount, reason)
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo(field);
	}

	static String key() {
		return Fixtures.unique("key-");
	}

	/** The stock of a sku as {@code GET /inventory/{sku}} tells it. */
	@SuppressWarnings("unchecked")
	Map<String, Object> stock(String sku) {
		return this.admin.get()
			.uri("/api/v1/inventory/{sku}", sku)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

}
