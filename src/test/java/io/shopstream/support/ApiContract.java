package io.shopstream.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist;
import com.atlassian.oai.validator.whitelist.rule.WhitelistRules;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Holds every exchange the HTTP contract suites make with {@code /api/v1} against the
 * OpenAPI document clients generate from ({@link #SNAPSHOT}, Atlassian's
 * swagger-request-validator), so an undocumented status, header, field or parameter fails
 * the test that met it:
 * <ul>
 * <li>every response's status and headers, after each test ({@link Check}), whether or
 * not the test read the body;</li>
 * <li>every response body a test read, and every request the service accepted (2xx), when
 * the test reads the body. Requests the service refused are the tests' deliberate bad
 * input, checked only for the refusal being documented.</li>
 * </ul>
 * A path no route answers is the platform's 404 (or, anonymously, 401) for any path; CORS
 * preflights ({@code OPTIONS}) are no API operation; streams (SSE) are left to the feed
 * suites.
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

	private static final String API = "/api/v1/";

	private static final Queue<Answered> ANSWERED = new ConcurrentLinkedQueue<>();

	private static final Validators VALIDATORS = new Validators();

	@Bean
	WebTestClientBuilderCustomizer apiContractValidation() {
		return (builder) -> builder.entityExchangeResultConsumer(ApiContract::checkExchange)
			.filter((request, next) -> next.exchange(request).doOnNext((response) -> {
				if (request.url().getPath().startsWith(API) && request.method() != HttpMethod.OPTIONS) {
					ANSWERED.add(new Answered(request.method(), request.url(), response.statusCode().value(),
							HttpHeaders.copyOf(response.headers().asHttpHeaders())));
				}
			}));
	}

	/** An exchange whose body the test read: the request and the whole response. */
	static void checkExchange(EntityExchangeResult<?> result) {
		URI url = result.getUrl();
		if (!url.getPath().startsWith(API) || result.getMethod() == HttpMethod.OPTIONS
				|| isStream(result.getResponseHeaders())) {
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
		ValidationReport report = checkRequest ? VALIDATORS.whole().validate(request, response.build())
				: VALIDATORS.whole().validateResponse(url.getPath(), request.getMethod(), response.build());
		fail(result.getMethod() + " " + url + " -> " + result.getStatus().value(), result.getStatus().value(), report);
	}

	private static void checkAnswer(Answered answered) {
		if (isStream(answered.headers())) {
			return;
		}
		SimpleResponse.Builder response = SimpleResponse.Builder.status(answered.status());
		answered.headers().forEach(response::withHeader);
		ValidationReport report = VALIDATORS.statusAndHeaders()
			.validateResponse(answered.url().getPath(), Request.Method.valueOf(answered.method().name()),
					response.build());
		fail(answered.method() + " " + answered.url() + " -> " + answered.status(), answered.status(), report);
	}

	private static void fail(String exchange, int status, ValidationReport report) {
		if ((status == 404 || status == 401) && report.getMessages()
			.stream()
			.anyMatch((message) -> "validation.request.path.missing".equals(message.getKey()))) {
			return;
		}
		if (report.hasErrors()) {
			throw new AssertionError("The exchange " + exchange + " is not what the OpenAPI document describes:\n  "
					+ report.getMessages()
						.stream()
						.filter((message) -> message.getLevel() == ValidationReport.Level.ERROR)
						.map((message) -> message.getKey() + ": " + message.getMessage())
						.collect(Collectors.joining("\n  ")));
		}
	}

	private static boolean isStream(HttpHeaders headers) {
		String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
		return contentType != null && contentType.startsWith("text/event-stream");
	}

	private static Request request(EntityExchangeResult<?> result) {
		URI url = result.getUrl();
		SimpleRequest.Builder request = new SimpleRequest.Builder(result.getMethod().name(), url.getPath());
		Map<String, List<String>> query = UriComponentsBuilder.fromUri(url).build(true).getQueryParams();
		query.forEach((name, values) -> request.withQueryParam(name,
				values.stream()
					.map((value) -> (value != null) ? URLDecoder.decode(value, StandardCharsets.UTF_8) : "")
					.toList()));
		result.getRequestHeaders().forEach(request::withHeader);
		byte[] body = result.getRequestBodyContent();
		if (body != null && body.length > 0) {
			request.withBody(new String(body, StandardCharsets.UTF_8));
		}
		return request.build();
	}

	/**
	 * Checks, after each test of a class that runs the service, the status and headers of
	 * every answer it got from {@code /api/v1}.
	 */
	public static final class Check implements BeforeEachCallback, AfterEachCallback {

		@Override
		public void beforeEach(ExtensionContext context) {
			ANSWERED.clear();
		}

		@Override
		public void afterEach(ExtensionContext context) {
			List<Answered> answered = new ArrayList<>();
			for (Answered next = ANSWERED.poll(); next != null; next = ANSWERED.poll()) {
				answered.add(next);
			}
			answered.forEach(ApiContract::checkAnswer);
		}

	}

	/** One answer as the client saw it, without its body. */
	private record Answered(HttpMethod method, URI url, int status, HttpHeaders headers) {
	}

	/** The two validators, built from {@link #SNAPSHOT} on first use. */
	private static final class Validators {

		private volatile OpenApiInteractionValidator whole;

		private volatile OpenApiInteractionValidator statusAndHeaders;

		OpenApiInteractionValidator whole() {
			if (this.whole == null) {
				this.whole = build(LevelResolver.create()
					.withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
					.build());
			}
			return this.whole;
		}

		/** As {@link #whole()}, for an answer whose body was not kept. */
		OpenApiInteractionValidator statusAndHeaders() {
			if (this.statusAndHeaders == null) {
				this.statusAndHeaders = build(LevelResolver.create()
					.withLevel("validation.response.body.missing", ValidationReport.Level.IGNORE)
					.build());
			}
			return this.statusAndHeaders;
		}

		private static OpenApiInteractionValidator build(LevelResolver levels) {
			return OpenApiInteractionValidator.createForInlineApiSpecification(document())
				.withLevelResolver(levels)
				// A path with a trailing slash is not the path without one: the platform
				// answers it 404 (StrictPaths).
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
