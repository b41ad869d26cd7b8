package io.shopstream.platform.web;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.shopstream.platform.mongo.Capability;
import io.shopstream.platform.mongo.MissingCapabilityException;
import io.shopstream.platform.mongo.schema.CollectionSchema;
import io.shopstream.platform.mongo.schema.DuplicateKeyFields;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/** Failures that no HTTP test can provoke on purpose: real bugs, missing capabilities, raw driver errors. */
class ProblemHandlerTests {

	private final ProblemHandler handler = new ProblemHandler(JsonMapper.builder().build(),
			new DuplicateKeyFields(List.of(new AccountsSchema())));

	@Test
	void a_bug_is_a_500_with_a_correlation_id_and_no_internal_message() {
		MockServerWebExchange exchange = handle(new IllegalStateException("connection pool secret at 10.0.0.7"));
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		String body = exchange.getResponse().getBodyAsString().block();
		assertThat(body).doesNotContain("secret").doesNotContain("10.0.0.7").doesNotContain("IllegalState");
		String correlationId = exchange.getResponse().getHeaders().getFirst(CorrelationId.HEADER);
		assertThat(correlationId).isNotBlank();
		assertThat(body).contains("\"correlationId\":\"" + correlationId + "\"");
	}

	@Test
	void a_missing_capability_is_a_501_naming_it_and_how_to_get_it() {
		String body = handle(new MissingCapabilityException(Capability.TEXT_SEARCH)).getResponse()
			.getBodyAsString()
			.block();
		assertThat(body).contains("\"status\":501").contains("\"capability\":\"text_search\"").contains("MONGODB_URI");
	}

	@Test
	void a_duplicate_key_names_the_field_without_echoing_the_server() {
		MockServerWebExchange exchange = handle(new DuplicateKeyException(
				"E11000 duplicate key error collection: shopstream.accounts index: handle_unique dup key: { handle: \"x\" }"));
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		String body = exchange.getResponse().getBodyAsString().block();
		assertThat(body).contains("\"field\":\"handle\"").doesNotContain("E11000").doesNotContain("shopstream.accounts");
	}

	@Test
	void a_body_with_thousands_of_problems_gets_a_short_answer() {
		List<FieldProblem> problems = java.util.stream.IntStream.range(0, 20_000)
			.mapToObj((i) -> new FieldProblem("k" + i, "is not a known property"))
			.toList();
		String body = handle(InvalidRequestException.of("The request is invalid", problems)).getResponse()
			.getBodyAsString()
			.block();
		assertThat(body).contains("\"field\":\"k49\"").doesNotContain("\"field\":\"k50\"")
			.contains("the first 50 of 20000 problems are listed");
		assertThat(body.length()).isLessThan(8 * 1024);
	}

	private MockServerWebExchange handle(Throwable failure) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/anything"));
		this.handler.handle(exchange, failure).block();
		return exchange;
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
			return List.of(new IndexModel(Indexes.ascending("handle"), new IndexOptions().name("handle_unique").unique(true)));
		}

	}

}
