package io.shopstream.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.shopstream.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The served OpenAPI document, linted by Spectral with its own {@code spectral:oas}
 * ruleset ({@code src/test/openapi/.spectral.yaml}): no error and no warning. Spectral
 * comes from npm ({@code src/test/openapi/package-lock.json}), installed by
 * {@code .ci/run} with {@code npm ci}; where it is not installed the test is skipped,
 * saying how to install it.
 */
@EmbeddedApiTest
class OpenApiLintTests {

	private static final Path TOOLS = Path.of("src/test/openapi");

	private static final Path SPECTRAL = TOOLS.resolve("node_modules/.bin/spectral");

	@Autowired
	WebTestClient client;

	@Test
	void the_served_document_has_no_spectral_error_or_warning() throws IOException, InterruptedException {
		assumeTrue(Files.isExecutable(SPECTRAL),
				"Spectral is not installed; run `npm ci --prefix src/test/openapi` (as .ci/run does) to lint the "
						+ "OpenAPI document");
		byte[] document = this.client.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		Path served = Files.createDirectories(Path.of("target/openapi")).resolve("shopstream.json");
		Files.write(served, document);
		Process lint = new ProcessBuilder(SPECTRAL.toString(), "lint", "--quiet", "--format", "json", "--ruleset",
				TOOLS.resolve(".spectral.yaml").toString(), served.toString())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(lint.waitFor(2, TimeUnit.MINUTES)).as("Spectral finished").isTrue();
		List<Map<String, Object>> findings = JsonMapper.builder()
			.build()
			.readValue(output, new TypeReference<List<Map<String, Object>>>() {
			});
		assertThat(findings).as("Spectral's findings on %s", served)
			.extracting((finding) -> finding.get("code") + " at " + finding.get("path") + ": " + finding.get("message"))
			.isEmpty();
	}

}
