package io.shopstream.wallet;

import java.util.List;
import java.util.Map;

import io.shopstream.support.Accounts;
import io.shopstream.support.ApiContract;
import io.shopstream.support.Catalogue;
import io.shopstream.support.Fixtures;
import io.shopstream.support.MongoDbApiTest;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wallet on a real MongoDB replica set, where every balance change runs in a
 * multi-document transaction with its ledger entries.
 */
@MongoDbApiTest
class WalletApiOnMongoDbTests extends WalletApiContract {

	@Test
	void an_admin_credits_and_debits_a_balance_each_change_a_ledger_entry() {
		Map<String, Object> credit = Wallets.adjust(this.admin, this.payer.id(), "100.00", "opening balance")
			.expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(credit).containsEntry("type", "adjustment")
			.containsEntry("amount", "100.00")
			.containsEntry("balance", "100.00")
			.containsEntry("reason", "opening balance");
		Wallets.adjust(this.admin, this.payer.id(), "-100.01", "too much")
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("balance");
		Wallets.adjust(this.admin, this.payer.id(), "-40.00", "correction").expectStatus().isCreated();
		assertThat(Wallets.balance(this.admin, this.payer.id())).isEqualTo("60.00");
		List<Map<String, Object>> ledger = Wallets.all(this.payer.client(),
				"/api/v1/users/" + this.payer.id() + "/ledger");
		assertThat(ledger).extracting((entry) -> entry.get("amount")).containsExactly("-40.00", "100.00");
		assertThat(ledger).extracting((entry) -> entry.get("balance")).containsExactly("60.00", "100.00");
		Wallets.adjust(this.admin, "665f1c2e8b3e4a1d2c3b4a59", "1.00", "nobody").expectStatus().isNotFound();
	}

	@Test
	void a_transfer_moves_money_once_per_key_and_both_ledgers_name_it() {
		fund(this.payer.id(), "50.00");
		String key = key();
		String body = "{\"to\": \"%s\", \"amount\": 20.5, \"note\": \"lunch\"}".formatted(this.payee.id());
		// The amount as a JSON number, which the service accepts beyond the documented
		// string.
		WebTestClient lenient = this.payer.client()
			.mutate()
			.defaultHeader(ApiContract.LENIENT_INPUT, "amount as a number")
			.build();
		Map<String, Object> made = made(Wallets.transfer(lenient, key, body), "false");
		assertThat(made).containsEntry("from", this.payer.id())
			.containsEntry("to", this.payee.id())
			.containsEntry("amount", "20.50")
			.containsEntry("type", "transfer")
			.containsEntry("idempotency_key", key)
			.doesNotContainKey("fingerprint");
		Map<String, Object> again = made(
				Wallets.transfer(this.payer.client(), key,
						"{\"note\": \"lunch\", \"amount\": \"20.50\", \"to\": \"%s\"}".formatted(this.payee.id())),
				"true");
		assertThat(again).isEqualTo(made);
		Wallets.transfer(this.payer.client(), key, Wallets.transferBody(this.payee.id(), "20.51"))
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("Idempotency-Key");
		assertThat(Wallets.balance(this.admin, this.payer.id())).isEqualTo("29.50");
		assertThat(Wallets.balance(this.admin, this.payee.id())).isEqualTo("20.50");
		Map<String, Object> sent = Wallets.all(this.payer.client(), "/api/v1/users/" + this.payer.id() + "/ledger")
			.get(0);
		Map<String, Object> received = Wallets.all(this.payee.client(), "/api/v1/users/" + this.payee.id() + "/ledger")
			.get(0);
		assertThat(sent).containsEntry("transfer_id", made.get("id"))
			.containsEntry("amount", "-20.50")
			.containsEntry("balance", "29.50");
		assertThat(received).containsEntry("transfer_id", made.get("id"))
			.containsEntry("amount", "20.50")
			.containsEntry("balance", "20.50")
			.containsEntry("counterparty", this.payer.id());
		assertThat(Wallets.all(this.payee.client(), "/api/v1/transfers")).containsExactly(made);
		this.payee.client().get().uri("/api/v1/transfers/{id}", made.get("id")).exchange().expectStatus().isOk();
		Accounts.signUp(this.anonymous, "stranger")
			.client()
			.get()
			.uri("/api/v1/transfers/{id}", made.get("id"))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void a_refused_transfer_moves_nothing_and_leaves_its_key_free() {
		fund(this.payer.id(), "10.00");
		String key = key();
		Wallets.transfer(this.payer.client(), key, Wallets.transferBody(this.payee.id(), "10.01"))
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("balance");
		Wallets.transfer(this.payer.client(), key(), Wallets.transferBody("665f1c2e8b3e4a1d2c3b4a59", "1.00"))
			.expectStatus()
			.isNotFound();
		Wallets.setStatus(this.admin, this.payee.id(), "suspended");
		Wallets.transfer(this.payer.client(), key(), Wallets.transferBody(this.payee.id(), "1.00"))
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("to");
		assertThat(Wallets.balance(this.admin, this.payer.id())).isEqualTo("10.00");
		assertThat(Wallets.balance(this.admin, this.payee.id())).isEqualTo("0.00");
		assertThat(Wallets.all(this.payer.client(), "/api/v1/users/" + this.payer.id() + "/ledger")).hasSize(1);
		assertThat(Wallets.all(this.payer.client(), "/api/v1/transfers")).isEmpty();
		Wallets.setStatus(this.admin, this.payee.id(), "active");
		made(Wallets.transfer(this.payer.client(), key, Wallets.transferBody(this.payee.id(), "10.00")), "false");
		assertThat(Wallets.balance(this.admin, this.payer.id())).isEqualTo("0.00");
	}

	@Test
	void an_order_paid_from_the_balance_and_cancelled_leaves_balance_and_stock_as_they_were() {
		fund(this.payer.id(), "100.00");
		String sku = Fixtures.unique("WB-");
		Catalogue.product(this.admin, sku, "19.99", null);
		Catalogue.stock(this.admin, sku, 10);
		Map<String, Object> order = this.payer.client()
			.post()
			.uri("/api/v1/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Catalogue.order(sku, "3").replace("\"card\"", "\"balance\""))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(order.get("payment")).isEqualTo(Map.of("method", "balance", "status", "paid"));
		assertThat(Wallets.balance(this.admin, this.payer.id())).isEqualTo("30.23");
		assertThat(stock(sku)).containsEntry("available", 7).containsEntry("reserved", 3);
		this.payer.client()
			.post()
			.uri("/api/v1/orders/{id}/status", order.get("id"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"status\": \"cancelled\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.payment.status")
			.isEqualTo("refunded");
		assertThat(Wallets.balance(this.admin, this.payer.id())).isEqualTo("100.00");
		assertThat(stock(sku)).containsEntry("available", 10).containsEntry("reserved", 0);
		List<Map<String, Object>> ledger = Wallets.all(this.payer.client(),
				"/api/v1/users/" + this.payer.id() + "/ledger");
		assertThat(ledger).extracting((entry) -> entry.get("type")).containsExactly("refund", "purchase", "adjustment");
		assertThat(ledger.get(0)).containsEntry("order_id", order.get("id")).containsEntry("amount", "69.77");
		assertThat(ledger.get(1)).containsEntry("order_id", order.get("id")).containsEntry("amount", "-69.77");
	}

	@Test
	void an_order_the_balance_cannot_pay_reserves_nothing() {
		fund(this.payer.id(), "10.00");
		String sku = Fixtures.unique("WB-");
		Catalogue.product(this.admin, sku, "19.99", null);
		Catalogue.stock(this.admin, sku, 10);
		this.payer.client()
			.post()
			.uri("/api/v1/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Catalogue.order(sku, "1").replace("\"card\"", "\"balance\""))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("balance");
		assertThat(stock(sku)).containsEntry("available", 10).containsEntry("reserved", 0);
		assertThat(Wallets.balance(this.admin, this.payer.id())).isEqualTo("10.00");
	}

	private void fund(String user, String amount) {
		Wallets.adjust(this.admin, user, amount, "funding for a test").expectStatus().isCreated();
	}

	private static Map<String, Object> made(WebTestClient.ResponseSpec response, String replayed) {
		return response.expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(WalletHandler.REPLAYED, replayed)
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

}
