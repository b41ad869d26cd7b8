package io.shopstream.auth;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopstream.support.Accounts;
import io.shopstream.support.Accounts.Account;
import io.shopstream.support.Fixtures;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Brute force: five failures a minute per account and per client address, then 429 with
 * Retry-After; each attempt counted before its password is checked, so a parallel burst
 * gets no more comparisons than the limit. Run on the embedded back-end by
 * {@link LoginThrottleTests} and on a real MongoDB by
 * {@link LoginThrottleOnMongoDbTests}.
 */
abstract class LoginThrottleContract {

	@Autowired
	WebTestClient client;

	@Autowired
	MeterRegistry meters;

	@Test
	void an_account_is_locked_for_the_minute_after_five_failures_even_with_the_right_password() {
		Account account = Accounts.signUp(this.client, "brute");
		for (int i = 0; i < 5; i++) {
			Accounts.attemptLogin(this.client, account.username(), "wrong password " + i, "203.0.113." + i)
				.expectStatus()
				.isUnauthorized();
		}
		Accounts.attemptLogin(this.client, account.username(), Accounts.PASSWORD, "203.0.113.99")
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.value(HttpHeaders.RETRY_AFTER, (seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60))
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void an_address_is_locked_after_five_failures_across_accounts() {
		Account victim = Accounts.signUp(this.client, "victim");
		for (int i = 0; i < 5; i++) {
			Accounts.attemptLogin(this.client, Fixtures.unique("spray"), "wrong password", "203.0.113.200")
				.expectStatus()
				.isUnauthorized();
		}
		Accounts.attemptLogin(this.client, victim.username(), Accounts.PASSWORD, "203.0.113.200")
			.expectStatus()
			.isEqualTo(429);
		Accounts.attemptLogin(this.client, victim.username(), Accounts.PASSWORD, "203.0.113.201").expectStatus().isOk();
	}

	@Test
	void of_twenty_parallel_attempts_on_one_account_five_get_their_password_checked_and_fifteen_are_refused() {
		Account account = Accounts.signUp(this.client, "burst");
		double before = this.meters.get("shopstream.passwords.verifications").counter().count();
		List<Integer> statuses = Flux.range(0, 20)
			.flatMap((i) -> Mono
				.fromCallable(() -> Accounts
					.attemptLogin(this.client, account.username(), "wrong password " + i, "203.0.114." + i)
					.returnResult(Void.class)
					.getStatus()
					.value())
				.subscribeOn(Schedulers.boundedElastic()), 20)
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(statuses).filteredOn((status) -> status == 401).hasSize(5);
		assertThat(statuses).filteredOn((status) -> status == 429).hasSize(15);
		assertThat(this.meters.get("shopstream.passwords.verifications").counter().count() - before)
			.as("password comparisons")
			.isEqualTo(5);
	}

}
