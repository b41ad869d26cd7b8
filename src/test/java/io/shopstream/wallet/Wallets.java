package io.shopstream.wallet;

import java.util.List;
import java.util.Map;

import io.shopstream.support.Pages;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Requests the wallet tests make. */
final class Wallets {

	private Wallets() {
	}

	/** {@code POST /transfers} with this key (none when null), its answer unchecked. */
	static WebTestClient.ResponseSpec transfer(WebTestClient client, String key, String body) {
		return client.post().uri("/api/v1/transfers").headers((headers) -> {
			if (key != null) {
				headers.set(WalletHandler.IDEMPOTENCY_KEY, key);
			}
		}).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	static String transferBody(String to, String amount) {
		return "{\"to\": \"%s\", \"amount\": \"%s\"}".formatted(to, amount);
	}

	/** {@code POST /users/{id}/balance/adjustments}, its answer unchecked. */
	static WebTestClient.ResponseSpec adjust(WebTestClient client, String user, String amount, String reason) {
		return client.post()
			.uri("/api/v1/users/{id}/balance/adjustments", user)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue((reason != null) ? Map.of("amount", amount, "reason", reason) : Map.of("amount", amount))
			.exchange();
	}

	/** An admin sets the user's status (PATCH /users/{id}). */
	static void setStatus(WebTestClient admin, String user, String status) {
		admin.patch()
			.uri("/api/v1/users/{id}", user)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("status", status))
			.exchange()
			.expectStatus()
			.isOk();
	}

	/** The user's balance as the API sends it, for example {@code "12.50"}. */
	static String balance(WebTestClient admin, String user) {
		Map<?, ?> found = admin.get()
			.uri("/api/v1/users/{id}", user)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return (String) found.get("balance");
	}

	/** Every item of a keyset-paged list, page by page. */
	static List<Map<String, Object>> all(WebTestClient client, String firstPage) {
		return Pages.all(client, firstPage);
	}

}
