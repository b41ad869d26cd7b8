package io.shopstream.analytics;

import java.util.List;
import java.util.Map;

import io.shopstream.support.MongoDbApiTest;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** The same figures on a real MongoDB, and the plans behind them. */
@MongoDbApiTest
@Import(FixedClock.class)
class AnalyticsOnMongoDbTests extends AnalyticsContract {

	@Test
	void the_sales_match_is_served_by_an_index() {
		Map<String, Object> plan = this.admin.post()
			.uri("/api/v1/admin/explain")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(
					"{\"collection\": \"orders\", \"filter\": {\"status\": {\"$in\": [\"delivered\", \"completed\"]},"
							+ " \"totals.currency\": \"XTS\", \"created_at\": {\"$gte\": {\"$date\": \"2001-01-01T00:00:00Z\"},"
							+ " \"$lt\": {\"$date\": \"2001-02-01T00:00:00Z\"}}}}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat((List<String>) plan.get("stages")).contains("IXSCAN").doesNotContain("COLLSCAN");
		assertThat(plan.get("collection_scan")).isEqualTo(false);
		assertThat(plan.get("index_used")).isNotNull();
	}

}
