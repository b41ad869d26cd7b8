package io.shopstream.platform.limits;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopstream.support.Accounts;
import io.shopstream.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Per-client token buckets: past its burst a client gets 429 with {@code Retry-After} and
 * the IETF {@code RateLimit} fields, other clients are served meanwhile, reads and writes
 * are counted apart, a signed-in client is counted by account, probes are never limited,
 * and the bucket refills.
 */
@EmbeddedApiTest
@TestPropertySource(
		properties = { "shopstream.limits.requests-per-second-per-client=1", "shopstream.limits.request-burst=5",
				"shopstream.limits.writes-per-second-per-client=1", "shopstream.limits.write-burst=3" })
class RequestRateLimitTests {

	@Autowired
	WebTestClient anonymous;

	@Autowired
	MeterRegistry meters;

	@Test
	void a_client_past_its_burst_gets_429_while_another_is_served_and_the_bucket_refills() {
		double before = rejected("requests");
		int served = readsUntilRefused("10.20.0.1");
		assertThat(served).as("reads served before the first 429").isGreaterThanOrEqualTo(5).isLessThan(30);
		assertThat(rejected("requests")).isEqualTo(before + 1);

		read("10.20.0.2").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("RateLimit-Policy", "\"reads\";q=5;w=5")
			.expectHeader()
			.valueEquals("RateLimit", "\"reads\";r=4;t=1");

		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> read("10.20.0.1").returnResult(byte[].class).getStatus().is2xxSuccessful());
	}

	@Test
	void reads_and_writes_have_buckets_of_their_own() {
		readsUntilRefused("10.21.0.1");
		EntityExchangeResult<byte[]> write = view("10.21.0.1").expectStatus()
			.isNotFound()
			.expectHeader()
			.valueEquals("RateLimit-Policy", "\"writes\";q=3;w=3")
			.expectBody()
			.returnResult();
		assertThat(write.getResponseHeaders().getFirst("RateLimit")).startsWith("\"writes\";r=2;");

		int writes = 0;
		while (view("10.22.0.1").returnResult(byte[].class).getStatus() != HttpStatus.TOO_MANY_REQUESTS) {
			writes++;
			assertThat(writes).isLessThan(30);
		}
		assertThat(writes).isGreaterThanOrEqualTo(3);
		read("10.22.0.1").expectStatus().isOk();
	}

	@Test
	void a_signed_in_client_is_counted_by_account_from_every_address() {
		Accounts.Account ada = Accounts.signUp(this.anonymous, "rates");
		int served = 0;
		int address = 0;
		while (me(ada.token(), "10.23.0." + (address++ % 200)) != HttpStatus.TOO_MANY_REQUESTS) {
			served++;
			assertThat(served).isLessThan(30);
		}
		assertThat(served).isGreaterThanOrEqualTo(5);
	}

	@Test
	void a_preflight_counts_as_a_read_not_as_the_write_it_precedes() {
		readsUntilRefused("10.25.0.1");
		this.anonymous.options()
			.uri("/api/v1/products")
			.header("X-Forwarded-For", "10.25.0.1")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.valueEquals("RateLimit-Policy", "\"reads\";q=5;w=5");
		view("10.25.0.1").expectStatus().isNotFound();
	}

	@Test
	void probes_are_never_limited() {
		readsUntilRefused("10.24.0.1");
		for (int i = 0; i < 20; i++) {
			this.anonymous.get()
				.uri("/actuator/health/readiness")
				.header("X-Forwarded-For", "10.24.0.1")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.doesNotExist("RateLimit");
		}
	}

	/** Reads as this client until one is refused; how many were served first. */
	private int readsUntilRefused(String address) {
		int served = 0;
		while (true) {
			EntityExchangeResult<byte[]> result = read(address).expectBody().returnResult();
			if (result.getStatus() == HttpStatus.TOO_MANY_REQUESTS) {
				assertThat(result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
				assertThat(result.getResponseHeaders().getFirst("RateLimit")).isEqualTo("\"reads\";r=0;t=5");
				assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
				assertThat(new String(result.getResponseBody())).contains("\"status\":429");
				return served;
			}
			assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
			served++;
			assertThat(served).as("reads served without a 429").isLessThan(30);
		}
	}

	private WebTestClient.ResponseSpec read(String address) {
		return this.anonymous.get().uri("/api/v1/capabilities").header("X-Forwarded-For", address).exchange();
	}

	/**
	 * A write any anonymous client may make: counting a view (of a product that does not
	 * exist).
	 */
	private WebTestClient.ResponseSpec view(String address) {
		return this.anonymous.post()
			.uri("/api/v1/products/{id}/views", "000000000000000000000000")
			.header("X-Forwarded-For", address)
			.exchange();
	}

	private HttpStatus me(String token, String address) {
		return (HttpStatus) this.anonymous.get()
			.uri("/api/v1/auth/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("X-Forwarded-For", address)
			.exchange()
			.returnResult(byte[].class)
			.getStatus();
	}

	private double rejected(String limit) {
		var counter = this.meters.find("shopstream.limits.rejected").tag("limit", limit).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
