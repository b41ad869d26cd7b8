package io.shopstream.platform;

import io.shopstream.support.MongoDbApiTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The platform contract on a real MongoDB replica set. */
@MongoDbApiTest
class PlatformApiOnMongoDbTests extends PlatformApiContract {

	@Test
	void reports_a_replica_set_with_transactions_and_every_query_feature() {
		this.client.get()
			.uri("/api/v1/capabilities")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.backend")
			.isEqualTo("mongodb")
			.jsonPath("$.topology")
			.isEqualTo("replica_set")
			.jsonPath("$.server_version")
			.value((String version) -> assertThat(version).as("from buildInfo, outside the Stable API")
				.matches("\\d+\\.\\d+\\.\\d+.*"))
			.jsonPath("$.capabilities.transactions")
			.isEqualTo(true)
			.jsonPath("$.capabilities.text_search")
			.isEqualTo(true)
			.jsonPath("$.capabilities.stable_api")
			.isEqualTo(true);
	}

}
