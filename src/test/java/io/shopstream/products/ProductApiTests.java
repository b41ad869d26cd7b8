package io.shopstream.products;

import io.shopstream.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalogue contract on the embedded back-end, plus what it lacks. */
@EmbeddedApiTest
class ProductApiTests extends ProductApiContract {

	@Test
	void text_search_is_a_501_naming_the_capability() {
		this.anonymous.get()
			.uri("/api/v1/products/search?q=widget")
			.exchange()
			.expectStatus()
			.isEqualTo(501)
			.expectBody()
			.jsonPath("$.capability")
			.isEqualTo("text_search")
			.jsonPath("$.remedy")
			.value((String remedy) -> assertThat(remedy).contains("MONGODB_URI"));
	}

}
