package io.shopstream.platform;

import io.shopstream.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;

/** The platform contract on the embedded back-end, plus what is specific to it. */
@EmbeddedApiTest
class PlatformApiTests extends PlatformApiContract {

	@Test
	void reports_the_embedded_back_end_and_its_known_capabilities() {
		this.client.get()
			.uri("/api/v1/capabilities")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.backend")
			.isEqualTo("embedded")
			.jsonPath("$.capabilities.change_streams")
			.isEqualTo(true)
			.jsonPath("$.capabilities.transactions")
			.isEqualTo(false)
			.jsonPath("$.capabilities.text_search")
			.isEqualTo(false)
			.jsonPath("$.capabilities.explain")
			.isEqualTo(false)
			.jsonPath("$.capabilities.stable_api")
			.isEqualTo(true);
	}

}
