package io.shopstream.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
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

	@Bean
	WebTestClientBuilderCustomizer apiContractValidation(Environment environment) {
		Validation validation = new Validation(environment);
		return (builder) -> builder.entityExchangeResultConsumer(validation::check);
	}

	/** The validator, built from the served document on first use. */
	static final class Validation {

		private final Environment environment;

		private volatile OpenApiInteractionValidator validator;

		Validation(Environment environment) {
			this.environment = environment;
		}

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
			ValidationReport report = result.getStatus().is2xxSuccessful()
					? validator().validate(request, response.build())
					: validator().validateResponse(url.getPath(), request.getMethod(), response.build());
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
					.build();
			}
			return this.validator;
		}

		private String document() {
			String port = this.environment.getRequiredProperty("local.server.port");
			try {
				HttpResponse<String> served = HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs")).build(),
							HttpResponse.BodyHandlers.ofString());
				return served.body();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not read the served OpenAPI document", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted reading the served OpenAPI document", ex);
			}
		}

	}

}
