package io.shopstream.platform.web.paging;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.mock.web.reactive.function.server.MockServerRequest;
import org.springframework.web.server.NotAcceptableStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Which media type a list is written in, from the client's Accept header. */
class ListResponsesTests {

	@Test
	void json_unless_ndjson_is_preferred() {
		assertThat(ListResponses.mediaType(MockServerRequest.builder().build())).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(typeFor("*/*")).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(typeFor("application/x-ndjson")).isEqualTo(MediaType.APPLICATION_NDJSON);
		assertThat(typeFor("application/x-ndjson, */*")).isEqualTo(MediaType.APPLICATION_NDJSON);
		assertThat(typeFor("application/json;q=0.5, application/x-ndjson")).isEqualTo(MediaType.APPLICATION_NDJSON);
	}

	@Test
	void a_client_naming_json_and_ndjson_alike_gets_json_as_generated_clients_expect() {
		assertThat(typeFor("application/json, application/x-ndjson")).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(typeFor("application/x-ndjson, application/json")).isEqualTo(MediaType.APPLICATION_JSON);
	}

	@Test
	void neither_is_a_406() {
		assertThatExceptionOfType(NotAcceptableStatusException.class).isThrownBy(() -> typeFor("text/html"));
	}

	private static MediaType typeFor(String accept) {
		return ListResponses.mediaType(MockServerRequest.builder().header("Accept", accept).build());
	}

}
