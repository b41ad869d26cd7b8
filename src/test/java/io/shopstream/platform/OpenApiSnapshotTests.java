package io.shopstream.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.shopstream.support.ApiContract;
import io.shopstream.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document clients generate from ({@code src/test/openapi/shopstream.json},
 * from which the build generates the Java client the smoke test drives, and against which
 * the contract suites check every exchange) is the one the service serves, but for the
 * server address. A change to the API changes the served document; this test then fails
 * until the committed one is replaced with {@code target/openapi/snapshot.json}, which it
 * writes.
 */
@EmbeddedApiTest
class OpenApiSnapshotTests {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@Autowired
	WebTestClient client;

	@Test
	void the_committed_document_is_the_served_one() throws IOException {
		byte[] served = this.client.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		ObjectNode document = (ObjectNode) JSON.readTree(served);
		document.remove("servers");
		Path written = Files.createDirectories(Path.of("target/openapi")).resolve("snapshot.json");
		Files.writeString(written, JSON.writeValueAsString(document) + "\n");
		JsonNode committed = JSON.readTree(Files.readString(ApiContract.SNAPSHOT));
		assertThat(committed)
			.as("%s is the served document; if the API changed on purpose, copy %s over it", ApiContract.SNAPSHOT,
					written)
			.isEqualTo(document);
	}

}
