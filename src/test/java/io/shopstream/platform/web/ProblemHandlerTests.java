package io.shopstream.platform.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.shopstream.platform.mongo.Capability;
import io.shopstream.platform.mongo.MissingCapabilityException;
import io.shopstream.platform.mongo.schema.CollectionSchema;
import io.shopstream.platform.mongo.schema.DuplicateKeyFields;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wire shape of problem documents as the application writes them (its own JSON
 * mapper, built by Spring Boot from application.yaml), and the failures no HTTP test can
 * provoke on purpose: real bugs, missing capabilities, raw driver errors, odd status
 * codes.
 */
class ProblemHandlerTests {

	private static JsonMapper json;

	private static ProblemHandler handler;

	@BeforeAll
	static void applicationJsonMapper() {
		new ApplicationContextRunner().withInitializer(new ConfigDataApplicationContextInitializer())
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.withUserConfiguration(ShopstreamJson.class)
			.run((context) -> json = context.getBean(JsonMapper.class));
		handler = new ProblemHandler(json, new DuplicateKeyFields(List.of(new AccountsSchema())));
	}

	@Test
	void a_problem_document_has_the_documented_snake_case_members() {
		MockServerWebExchange exchange = handle(new NotFoundException("No user with id 665f1c2e8b3e4a1d2c3b4a59"));
		JsonNode body = body(exchange);
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("type", "title", "status", "detail", "instance",
				"correlation_id");
		assertThat(body.get("type").asString()).isEqualTo("https://shopstream.io/problems/not-found");
		assertThat(body.get("title").asString()).isEqualTo("Not found");
		assertThat(body.get("status").asInt()).isEqualTo(404);
		assertThat(body.get("detail").asString()).isEqualTo("No user with id 665f1c2e8b3e4a1d2c3b4a59");
		assertThat(body.get("instance").asString()).isEqualTo("/api/v1/anything");
		assertThat(body.get("correlation_id").asString())
			.isEqualTo(exchange.getResponse().getHeaders().getFirst(CorrelationId.HEADER));
	}

	@Test
	void a_bug_is_a_500_with_a_correlation_id_and_no_internal_message() {
		MockServerWebExchange exchange = handle(new IllegalStateException("connection pool secret at 10.0.0.7"));
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		String text = exchange.getResponse().getBodyAsString().block();
		assertThat(text).doesNotContain("secret").doesNotContain("10.0.0.7").doesNotContain("IllegalState");
		String correlationId = exchange.getResponse().getHeaders().getFirst(CorrelationId.HEADER);
		assertThat(correlationId).isNotBlank();
		assertThat(body(exchange).get("correlation_id").asString()).isEqualTo(correlationId);
	}

	@Test
	void an_invalid_request_lists_its_fields_under_errors() {
		JsonNode body = body(handle(InvalidRequestException.forField("profile.bio", "must be at most 500 characters")));
		assertThat(body.get("type").asString()).isEqualTo("https://shopstream.io/problems/invalid-request");
		assertThat(body.get("status").asInt()).isEqualTo(400);
		assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("profile.bio");
		assertThat(body.get("errors").get(0).get("message").asString()).isEqualTo("must be at most 500 characters");
	}

	@Test
	void a_conflict_names_its_field() {
		JsonNode body = body(handle(new ConflictException("Not enough stock available for sku A-1", "sku")));
		assertThat(body.get("status").asInt()).isEqualTo(409);
		assertThat(body.get("field").asString()).isEqualTo("sku");
	}

	@Test
	void a_missing_capability_is_a_501_naming_it_and_how_to_get_it() {
		MockServerWebExchange exchange = handle(new MissingCapabilityException(Capability.TEXT_SEARCH));
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_IMPLEMENTED);
		JsonNode body = body(exchange);
		assertThat(body.get("type").asString()).isEqualTo("https://shopstream.io/problems/missing-capability");
		assertThat(body.get("capability").asString()).isEqualTo("text_search");
		assertThat(body.get("remedy").asString()).contains("MONGODB_URI");
	}

	@Test
	void rate_limits_and_overload_say_when_to_retry_in_whole_seconds() {
		MockServerWebExchange limited = handle(new TooManyRequestsException("Slow down", Duration.ofMillis(1200)));
		assertThat(limited.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(limited.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
		assertThat(body(limited).get("type").asString()).isEqualTo("https://shopstream.io/problems/too-many-requests");
		MockServerWebExchange busy = handle(new ServiceUnavailableException("Full", Duration.ZERO));
		assertThat(busy.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(busy.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
	}

	@Test
	void any_spring_error_response_is_rendered_from_its_status_detail_and_headers() {
		MockServerWebExchange exchange = handle(
				new MethodNotAllowedException(HttpMethod.DELETE, Set.of(HttpMethod.GET)));
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
		assertThat(exchange.getResponse().getHeaders().getAllow()).containsExactly(HttpMethod.GET);
		assertThat(body(exchange).get("type").asString())
			.isEqualTo("https://shopstream.io/problems/method-not-allowed");
		ProblemDetail teapot = ProblemDetail.forStatusAndDetail(HttpStatus.I_AM_A_TEAPOT, "Short and stout");
		JsonNode body = body(handle(new ErrorResponseException(HttpStatus.I_AM_A_TEAPOT, teapot, null)));
		assertThat(body.get("status").asInt()).isEqualTo(418);
		assertThat(body.get("detail").asString()).isEqualTo("Short and stout");
		assertThat(body.get("type").asString()).isEqualTo("https://shopstream.io/problems/i-m-a-teapot");
	}

	@Test
	void a_non_standard_status_code_is_answered_as_it_is() {
		for (int code : new int[] { 499, 599 }) {
			MockServerWebExchange exchange = handle(new ResponseStatusException(HttpStatusCode.valueOf(code)));
			assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(code);
			assertThat(body(exchange).get("status").asInt()).isEqualTo(code);
			assertThat(body(exchange).get("type").asString()).isEqualTo("https://shopstream.io/problems/error");
		}
	}

	@Test
	void problem_types_do_not_depend_on_the_default_locale() {
		Locale before = Locale.getDefault();
		Locale.setDefault(Locale.forLanguageTag("tr"));
		try {
			JsonNode body = body(handle(new ResponseStatusException(HttpStatus.URI_TOO_LONG)));
			assertThat(body.get("type").asString()).isEqualTo("https://shopstream.io/problems/uri-too-long");
		}
		finally {
			Locale.setDefault(before);
		}
	}

	@Test
	void an_unreadable_body_is_told_apart_by_its_cause_not_its_message() {
		JsonNode malformed = body(handle(new ServerWebInputException("Failed to read HTTP message", null,
				new DecodingException("JSON decoding error"))));
		assertThat(malformed.get("detail").asString()).isEqualTo("The request body is not well-formed JSON");
		JsonNode tooLarge = body(handle(new ServerWebInputException("Failed to read HTTP message", null,
				new DataBufferLimitException("Exceeded limit on max bytes to buffer : 1048576"))));
		assertThat(tooLarge.get("status").asInt()).isEqualTo(413);
		assertThat(tooLarge.get("detail").asString()).doesNotContain("1048576");
		JsonNode other = body(handle(new ServerWebInputException("Missing request body")));
		assertThat(other.get("status").asInt()).isEqualTo(400);
		assertThat(other.get("detail").asString()).isNotEqualTo("The request body is not well-formed JSON");
	}

	@Test
	void spring_security_failures_are_401_with_a_challenge_and_403() {
		MockServerWebExchange unauthorized = handle(new BadCredentialsException("token abc123 unknown"));
		assertThat(unauthorized.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(unauthorized.getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
		assertThat(unauthorized.getResponse().getBodyAsString().block()).doesNotContain("abc123");
		assertThat(handle(new AccessDeniedException("no")).getResponse().getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void a_duplicate_key_names_the_field_without_echoing_the_server() {
		MockServerWebExchange exchange = handle(new DuplicateKeyException(
				"E11000 duplicate key error collection: shopstream.accounts index: handle_unique dup key: { handle: \"x\" }"));
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		String text = exchange.getResponse().getBodyAsString().block();
		assertThat(text).doesNotContain("E11000").doesNotContain("shopstream.accounts");
		assertThat(body(exchange).get("field").asString()).isEqualTo("handle");
	}

	@Test
	void a_body_with_thousands_of_problems_gets_a_short_answer() {
		List<FieldProblem> problems = IntStream.range(0, 20_000)
			.mapToObj((i) -> new FieldProblem("k" + i, "is not a known property"))
			.toList();
		MockServerWebExchange exchange = handle(InvalidRequestException.of("The request is invalid", problems));
		JsonNode body = body(exchange);
		assertThat(body.get("errors").size()).isEqualTo(50);
		assertThat(body.get("errors").get(49).get("field").asString()).isEqualTo("k49");
		assertThat(body.get("detail").asString()).contains("the first 50 of 20000 problems are listed");
		assertThat(exchange.getResponse().getBodyAsString().block().length()).isLessThan(8 * 1024);
	}

	private static MockServerWebExchange handle(Throwable failure) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/anything"));
		handler.handle(exchange, failure).block();
		return exchange;
	}

	private static JsonNode body(MockServerWebExchange exchange) {
		return json.readTree(exchange.getResponse().getBodyAsString().block());
	}

	/** Shopstream's own additions to the mapper Spring Boot builds. */
	@Configuration(proxyBeanMethods = false)
	@ComponentScan("io.shopstream.platform.web.json")
	static class ShopstreamJson {

	}

	private static final class AccountsSchema implements CollectionSchema {

		@Override
		public String collection() {
			return "accounts";
		}

		@Override
		public Document validator() {
			return new Document();
		}

		@Override
		public List<IndexModel> indexes() {
			return List
				.of(new IndexModel(Indexes.ascending("handle"), new IndexOptions().name("handle_unique").unique(true)));
		}

	}

}
