package io.shopstream.products;

import io.shopstream.support.Catalogue;
import io.shopstream.support.Fixtures;
import io.shopstream.support.MongoDbApiTest;
import org.junit.jupiter.api.Test;

/** The catalogue contract on a real MongoDB, plus text search. */
@MongoDbApiTest
class ProductApiOnMongoDbTests extends ProductApiContract {

	@Test
	void text_search_finds_by_relevance() {
		String word = Fixtures.unique("zanzibarite");
		String id = Catalogue.product(this.admin, Fixtures.unique("T-"), null,
				"{\"sku\": \"" + Fixtures.unique("T-") + "\", \"name\": \"The " + word
						+ " lamp\", \"pricing\": {\"base_price\": \"1.00\", \"currency\": \"USD\"}}");
		this.anonymous.get()
			.uri("/api/v1/products/search?q=" + word)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].product.id")
			.isEqualTo(id)
			.jsonPath("$[0].score")
			.isNumber();
	}

}
