package io.shopstream.analytics;

import io.shopstream.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Import;

/** The reports on the embedded back-end, which has no explain. */
@EmbeddedApiTest
@Import(FixedClock.class)
class AnalyticsTests extends AnalyticsContract {

	@Test
	void explain_needs_a_real_mongodb() {
		explain("{\"collection\": \"orders\", \"filter\": {\"status\": \"delivered\"}}").expectStatus()
			.isEqualTo(501)
			.expectBody()
			.jsonPath("$.capability")
			.isEqualTo("explain");
	}

}
