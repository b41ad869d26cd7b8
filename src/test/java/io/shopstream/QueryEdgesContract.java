package io.shopstream;

import java.util.List;

import io.shopstream.support.Accounts;
import io.shopstream.support.Accounts.Account;
import io.shopstream.support.Catalogue;
import io.shopstream.support.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Inputs at the edge of what parses: instants a billion years away in any date query, and
 * malformed Extended JSON in an explain. Each is a 400 naming the parameter or field,
 * where they once answered 500.
 */
abstract class QueryEdgesContract {

	private static final List<String> EXTREMES = List.of("+1000000000-12-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
			"+10000-01-01T00:00:00Z");

	@Autowired
	WebTestClient anonymous;

	@Test
	void an_instant_outside_years_1_to_9999_is_a_400_naming_the_parameter_in_every_date_query() {
		WebTestClient admin = Accounts.admin(this.anonymous);
		Account customer = Accounts.signUp(this.anonymous, "edges");
		String product = Catalogue.product(admin, Fixtures.unique("EDGE-"), "1.00", null);
		for (String extreme : EXTREMES) {
			refused(customer.client(), "/api/v1/orders?from={at}", extreme, "from");
			refused(admin, "/api/v1/orders/export?to={at}", extreme, "to");
			refused(this.anonymous, "/api/v1/products/" + product + "/views?from={at}", extreme, "from");
			refused(admin, "/api/v1/analytics/sales?from={at}", extreme, "from");
			refused(admin, "/api/v1/analytics/monthly?to={at}", extreme, "to");
		}
	}

	@Test
	void malformed_extended_json_in_an_explain_is_a_400_naming_the_field() {
		WebTestClient admin = Accounts.admin(this.anonymous);
		for (String filter : List.of("{\"_id\": {\"$oid\": \"zz\"}}", "{\"created_at\": {\"$date\": \"yesterday\"}}",
				"{\"quantity\": {\"$numberLong\": \"twelve\"}}")) {
			admin.post()
				.uri("/api/v1/admin/explain")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"collection\": \"orders\", \"filter\": " + filter + "}")
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("filter");
		}
	}

	private static void refused(WebTestClient client, String uri, String at, String field) {
		client.get()
			.uri(uri, at)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo(field);
	}

}
