package io.shopstream.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import com.atlassian.oai.validator.whitelist.rule.WhitelistRules;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Holds every exchange the HTTP contract suites make with {@code /api/v1} against the
 * service's own OpenAPI document (Atlassian's swagger-request-validator): every response,
 * its status, headers and body, must be one the document describes for that operation,
 * and every request the service accepted (2xx) must be one it describes, so an
 * undocumented status, field or parameter fails the test that met it. Requests the
 * service refused are the tests' deliberate bad input, checked only for the refusal being
 * documented. Streams (SSE) are left to the feed suites.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ApiContract {

	/**
	 * The document clients generate from, as committed; {@code OpenApiSnapshotTests}
	 * holds the served one to it.
	 */
	public static final Path SNAPSHOT = Path.of("src/test/openapi/shopstream.json");

	/**
	 * A request header by which a test says it sends, on purpose, input the service
	 * accepts beyond what the document describes (money as a JSON number); its response
	 * is still checked.
	 */
	public static final String LENIENT_INPUT = "X-Shopstream-Test-Lenient-Input";

	private static final Validation VALIDATION = new Validation();

	@Bean
	WebTestClientBuilderCustomizer apiContractValidation() {
		return (builder) -> builder.entityExchangeResultConsumer(VALIDATION::check);
	}

	/** The validator, built from the served document on first use. */
	static final class Validation {

		private volatile OpenApiInteractionValidator validator;

		void check(EntityExchangeResult<?> result) {
			URI url = result.getUrl();
			if (!url.getPath().startsWith("/api/v1/")) {
				return;
			}
			String contentType = result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
			if (contentType != null && contentType.startsWith("text/event-stream")) {
				return;
			}
			Request request = request(result);
			SimpleResponse.Builder response = SimpleResponse.Builder.status(result.getStatus().value());
			result.getResponseHeaders().forEach(response::withHeader);
			byte[] body = result.getResponseBodyContent();
			if (body != null && body.length > 0) {
				response.withBody(new String(body, StandardCharsets.UTF_8));
			}
			boolean checkRequest = result.getStatus().is2xxSuccessful()
					&& !result.getRequestHeaders().containsHeader(LENIENT_INPUT);
			ValidationReport report = checkRequest ? validator().validate(request, response.build())
					: validator().validateResponse(url.getPath(), request.getMethod(), response.build());
			if (result.getStatus().value() == 404 && report.getMessages()
				.stream()
				.anyMatch((message) -> "validation.request.path.missing".equals(message.getKey()))) {
				// A path no route answers: the platform's 404, for any path.
				return;
			}
			if (report.hasErrors()) {
				throw new AssertionError("The exchange " + result.getMethod() + " " + url + " -> "
						+ result.getStatus().value() + " is not what the OpenAPI document describes:\n  "
						+ report.getMessages()
							.stream()
							.filter((message) -> message.getLevel() == ValidationReport.Level.ERROR)
							.map((message) -> message.getKey() + ": " + message.getMessage())
							.collect(Collectors.joining("\n  ")));
			}
		}

		private static Request request(EntityExchangeResult<?> result) {
			URI url = result.getUrl();
			SimpleRequest.Builder request = new SimpleRequest.Builder(result.getMethod().name(), url.getPath());
			Map<String, List<String>> query = UriComponentsBuilder.fromUri(url).build(true).getQueryParams();
			query.forEach((name, values) -> request.withQueryParam(name,
					values.stream().map((value) -> (value != null) ? decode(value) : "").toList()));
			result.getRequestHeaders().forEach(request::withHeader);
			byte[] body = result.getRequestBodyContent();
			if (body != null && body.length > 0) {
				request.withBody(new String(body, StandardCharsets.UTF_8));
			}
			return request.build();
		}

		private static String decode(String value) {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}

		private OpenApiInteractionValidator validator() {
			if (this.validator == null) {
				this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document())
					.withLevelResolver(LevelResolver.create()
						.withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
						.build())
					// A path with a trailing slash is not the path without one: the
					// platform answers it 404 (StrictPaths).
					.withStrictOperationPathMatching()
					// The product list's attr.<name> filters: any attribute name, which
					// OpenAPI 3.0 cannot declare; the document describes the form.
					.withWhitelist(ValidationErrorsWhitelist.create()
						.withRule("attr.<name> product filters",
								WhitelistRules.allOf(
										WhitelistRules.messageHasKey("validation.request.parameter.query.unexpected"),
										WhitelistRules.pathContainsSubstring("/api/v1/products"),
										WhitelistRules.messageContainsSubstring("'attr."))))
					.build();
			}
			return this.validator;
		}

		private static String document() {
			try {
				return Files.readString(SNAPSHOT);
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not read the OpenAPI document " + SNAPSHOT, ex);
			}
		}

	}

}
