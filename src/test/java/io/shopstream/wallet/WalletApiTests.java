package io.shopstream.wallet;

import java.util.List;
import java.util.Map;

import io.shopstream.support.Catalogue;
import io.shopstream.support.EmbeddedApiTest;
import io.shopstream.support.Fixtures;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wallet on the embedded back-end, which has no transactions: valid requests are
 * refused with a 501 naming the capability, and nothing moves.
 */
@EmbeddedApiTest
class WalletApiTests extends WalletApiContract {

	@Autowired
	ReactiveMongoTemplate template;

	@Test
	void a_valid_transfer_adjustment_or_balance_order_is_a_501_naming_transactions_and_moves_nothing() {
		missingTransactions(
				Wallets.transfer(this.payer.client(), key(), Wallets.transferBody(this.payee.id(), "1.00")));
		missingTransactions(Wallets.adjust(this.admin, this.payer.id(), "100.00", "opening balance"));
		String sku = Fixtures.unique("WB-");
		Catalogue.product(this.admin, sku, "3.00", null);
		Catalogue.stock(this.admin, sku, 5);
		missingTransactions(this.payer.client()
			.post()
			.uri("/api/v1/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Catalogue.order(sku, "1").replace("\"card\"", "\"balance\""))
			.exchange());
		assertThat(stock(sku)).containsEntry("available", 5).containsEntry("reserved", 0);
		assertThat(Wallets.balance(this.admin, this.payer.id())).isEqualTo("0.00");
		assertThat(Wallets.balance(this.admin, this.payee.id())).isEqualTo("0.00");
		assertThat(Wallets.all(this.admin, "/api/v1/users/" + this.payer.id() + "/ledger")).isEmpty();
	}

	@Test
	void idempotency_keys_are_unique_per_sender_by_an_index() {
		List<Document> indexes = this.template.getCollection(TransferSchema.COLLECTION)
			.flatMapMany((collection) -> collection.listIndexes())
			.collectList()
			.block();
		assertThat(indexes).anySatisfy((index) -> {
			assertThat(index.getString("name")).isEqualTo(TransferSchema.KEY_PER_SENDER);
			assertThat(index.get("key", Map.class)).containsOnlyKeys("from", "idempotency_key");
			assertThat(index.getBoolean("unique")).isTrue();
		});
	}

	private static void missingTransactions(WebTestClient.ResponseSpec response) {
		response.expectStatus().isEqualTo(501).expectBody().jsonPath("$.capability").isEqualTo("transactions");
	}

}
