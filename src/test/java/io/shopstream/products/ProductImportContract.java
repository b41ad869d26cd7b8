package io.shopstream.products;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.shopstream.support.Accounts;
import io.shopstream.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NDJSON bulk import: line-by-line errors, idempotent upserts by sku, streamed bodies of
 * any size.
 */
abstract class ProductImportContract {

	/** {@code shopstream.limits.ndjson-max-line} as the service ships it. */
	private static final int DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

	@Autowired
	WebTestClient anonymous;

	WebTestClient admin;

	@BeforeEach
	void signIn() {
		this.admin = Accounts.admin(this.anonymous);
	}

	@Test
	void reports_each_bad_line_by_number_and_writes_the_good_ones() {
		String prefix = Fixtures.unique("IMP");
		String file = String.join("\n", line(prefix + "-1", "1.50"),
				"{\"sku\": \"" + prefix + "-2\", \"name\": \"No price\"}", "this is not json", "",
				"{\"sku\": \"" + prefix
						+ "-3\", \"name\": \"Op\", \"$where\": \"1\", \"pricing\": {\"base_price\": \"1\", \"currency\": \"USD\"}}",
				line(prefix + "-4", "4.00"),
				"{\"sku\": \"" + prefix
						+ "-5\", \"name\": \"Bad money\", \"pricing\": {\"base_price\": \"1.2.3\", \"currency\": \"USD\"}}")
				+ "\n";
		Map<String, Object> first = importFile(file, 1000);
		assertThat(first).containsEntry("lines", 7)
			.containsEntry("valid", 2)
			.containsEntry("upserted", 2)
			.containsEntry("matched", 0)
			.containsEntry("error_count", 4);
		assertThat(errorLines(first)).containsExactly(2, 3, 5, 7);

		Map<String, Object> second = importFile(file, 1000);
		assertThat(second).containsEntry("valid", 2)
			.containsEntry("upserted", 0)
			.containsEntry("matched", 2)
			.containsEntry("modified", 0);
	}

	@Test
	void an_import_changes_what_differs_and_keeps_the_creation_time() {
		String sku = Fixtures.unique("CHG");
		importFile(line(sku, "1.00"), 10);
		Map<?, ?> before = product(sku);
		Map<String, Object> report = importFile(line(sku, "2.00"), 10);
		assertThat(report).containsEntry("matched", 1).containsEntry("modified", 1).containsEntry("upserted", 0);
		Map<?, ?> after = product(sku);
		assertThat(((Map<?, ?>) after.get("pricing")).get("base_price")).isEqualTo("2.00");
		assertThat(after.get("created_at")).isEqualTo(before.get("created_at"));
	}

	@Test
	void a_line_over_the_limit_is_refused_alone() {
		String prefix = Fixtures.unique("LONG");
		String huge = "{\"sku\": \"" + prefix + "-0\", \"name\": \"" + "x".repeat(DEFAULT_MAX_LINE_BYTES) + "\"}";
		Map<String, Object> report = importFile(
				line(prefix + "-1", "1.00") + "\n" + huge + "\n" + line(prefix + "-2", "1.00"), 10);
		assertThat(report).containsEntry("lines", 3).containsEntry("upserted", 2).containsEntry("error_count", 1);
		assertThat(errorLines(report)).containsExactly(2);
	}

	@Test
	void streams_a_large_file_in_batches() {
		String prefix = Fixtures.unique("BIG");
		int count = 10_000;
		DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
		Flux<DataBuffer> body = Flux.range(1, count)
			.map((i) -> buffers.wrap((line(prefix + "-" + i, "1.00") + "\n").getBytes(StandardCharsets.UTF_8)));
		Map<String, Object> report = this.admin.mutate()
			.responseTimeout(Duration.ofMinutes(2))
			.build()
			.post()
			.uri("/api/v1/products/bulk?batch_size=500")
			.contentType(MediaType.APPLICATION_NDJSON)
			.body(body, DataBuffer.class)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(report).containsEntry("lines", count)
			.containsEntry("upserted", count)
			.containsEntry("error_count", 0);
	}

	@Test
	void only_admins_import_and_only_ndjson() {
		Accounts.signUp(this.anonymous, "importer")
			.client()
			.post()
			.uri("/api/v1/products/bulk")
			.contentType(MediaType.APPLICATION_NDJSON)
			.bodyValue(line("X", "1.00"))
			.exchange()
			.expectStatus()
			.isForbidden();
		this.admin.post()
			.uri("/api/v1/products/bulk")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(line("X", "1.00"))
			.exchange()
			.expectStatus()
			.isEqualTo(415);
		this.admin.post()
			.uri("/api/v1/products/bulk?batch_size=0")
			.contentType(MediaType.APPLICATION_NDJSON)
			.bodyValue(line("X", "1.00"))
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	private Map<String, Object> importFile(String ndjson, int batchSize) {
		return this.admin.post()
			.uri("/api/v1/products/bulk?batch_size=" + batchSize)
			.contentType(MediaType.APPLICATION_NDJSON)
			.bodyValue(ndjson.getBytes(StandardCharsets.UTF_8))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
	}

	private Map<?, ?> product(String sku) {
		List<Map> found = this.anonymous.get()
			.uri("/api/v1/products?limit=1000&sort=-created_at")
			.exchange()
			.expectBodyList(Map.class)
			.returnResult()
			.getResponseBody()
			.stream()
			.filter((product) -> sku.equals(product.get("sku")))
			.toList();
		assertThat(found).hasSize(1);
		return found.get(0);
	}

	@SuppressWarnings("unchecked")
	private static List<Integer> errorLines(Map<String, Object> report) {
		return ((List<Map<String, Object>>) report.get("errors")).stream().map((e) -> (Integer) e.get("line")).toList();
	}

	private static String line(String sku, String price) {
		return "{\"sku\": \"" + sku + "\", \"name\": \"Imported " + sku
				+ "\", \"category\": {\"name\": \"Imports\", \"slug\": \"imports\"}, \"pricing\": {\"base_price\": \""
				+ price + "\", \"currency\": \"USD\"}}";
	}

}
