package io.shopstream.platform.limits;

import java.time.Duration;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shopstream.platform.security.Caller;
import io.shopstream.platform.web.ServiceUnavailableException;
import io.shopstream.platform.web.TooManyRequestsException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Places are taken without waiting and given back exactly once, when the exchange that
 * took them ends, however it ends.
 */
class AdmissionTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final HeldPermits held = new HeldPermits();

	@Test
	void work_past_its_cap_is_refused_with_503_until_an_exchange_ends() {
		Admission admission = admission("concurrent-exports", "2");
		Sinks.Empty<Void> first = Sinks.empty();
		Sinks.Empty<Void> second = Sinks.empty();
		StepVerifier.create(admitted(admission, Work.EXPORT, first))
			.expectSubscription()
			.then(() -> StepVerifier.create(admitted(admission, Work.EXPORT, second))
				.expectSubscription()
				.thenCancel()
				.verify())
			.then(() -> {
				assertThat(inUse("exports")).as("the cancelled exchange gave its place back").isEqualTo(1);
				StepVerifier.create(admitted(admission, Work.EXPORT, Sinks.empty())).expectSubscription().then(() -> {
					assertThat(inUse("exports")).isEqualTo(2);
					assertThatExceptionOfType(ServiceUnavailableException.class)
						.isThrownBy(() -> admission.admit(exchange(), Work.EXPORT))
						.satisfies((refused) -> assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(5)));
				}).thenCancel().verify();
				assertThat(inUse("reports")).as("other kinds of work are counted apart").isZero();
				first.tryEmitEmpty();
			})
			.verifyComplete();
		assertThat(inUse("exports")).isZero();
		assertThat(this.meters.get("shopstream.limits.rejected").tag("limit", "exports").counter().count())
			.isEqualTo(1);
	}

	@Test
	void a_client_over_its_share_is_told_429_even_when_the_instance_is_full() {
		Admission admission = admission("feeds-per-instance", "1", "feeds-per-client", "1");
		Optional<Caller> ada = Optional.of(new Caller("665f1c2e8b3e4a1d2c3b4a61", "user"));
		StepVerifier.create(this.held.filter(exchange(), (exchange) -> {
			admission.admitFeed(exchange, ada);
			assertThatExceptionOfType(TooManyRequestsException.class)
				.as("another replica would not take more from this client either")
				.isThrownBy(() -> admission.admitFeed(exchange(), ada));
			assertThatExceptionOfType(ServiceUnavailableException.class)
				.isThrownBy(() -> admission.admitFeed(exchange(), Optional.empty()));
			return Mono.empty();
		})).verifyComplete();
		assertThat(inUse("feeds")).isZero();
	}

	@Test
	void a_feed_refused_by_the_instance_cap_gives_its_client_place_back() {
		Admission admission = admission("feeds-per-instance", "1", "feeds-per-client", "1");
		Optional<Caller> ada = Optional.of(new Caller("665f1c2e8b3e4a1d2c3b4a61", "user"));
		Optional<Caller> bob = Optional.of(new Caller("665f1c2e8b3e4a1d2c3b4a62", "user"));
		StepVerifier.create(this.held.filter(exchange(), (exchange) -> {
			admission.admitFeed(exchange, ada);
			assertThatExceptionOfType(ServiceUnavailableException.class)
				.isThrownBy(() -> admission.admitFeed(exchange(), bob));
			return Mono.empty();
		})).verifyComplete();
		StepVerifier.create(this.held.filter(exchange(), (exchange) -> {
			admission.admitFeed(exchange, bob);
			return Mono.empty();
		})).as("bob's client place was given back with the refusal").verifyComplete();
	}

	@Test
	void a_refusal_by_a_feed_or_work_cap_carries_no_request_rate_fields() {
		Admission admission = admission("feeds-per-instance", "1", "concurrent-exports", "1");
		StepVerifier.create(this.held.filter(exchange(), (exchange) -> {
			admission.admitFeed(exchange, Optional.empty());
			admission.admit(exchange, Work.EXPORT);
			MockServerWebExchange feed = rateLimited(exchange());
			assertThatExceptionOfType(ServiceUnavailableException.class)
				.isThrownBy(() -> admission.admitFeed(feed, Optional.empty()));
			assertThat(feed.getResponse().getHeaders().headerNames()).doesNotContain(RequestRateLimits.POLICY_FIELD,
					RequestRateLimits.LIMIT_FIELD);
			MockServerWebExchange export = rateLimited(exchange());
			assertThatExceptionOfType(ServiceUnavailableException.class)
				.isThrownBy(() -> admission.admit(export, Work.EXPORT));
			assertThat(export.getResponse().getHeaders().headerNames()).doesNotContain(RequestRateLimits.POLICY_FIELD,
					RequestRateLimits.LIMIT_FIELD);
			return Mono.empty();
		})).verifyComplete();
	}

	@Test
	void a_place_taken_after_its_exchange_ended_is_given_back_at_once() {
		Admission admission = admission("concurrent-imports", "1");
		ServerWebExchange[] late = new ServerWebExchange[1];
		StepVerifier.create(this.held.filter(exchange(), (exchange) -> {
			late[0] = exchange;
			return Mono.empty();
		})).verifyComplete();
		admission.admit(late[0], Work.IMPORT);
		assertThat(inUse("imports")).isZero();
	}

	@Test
	void a_permit_released_twice_gives_back_one_place() {
		PermitPool pool = new PermitPool(1);
		Permit permit = pool.tryAcquire().orElseThrow();
		assertThat(pool.tryAcquire()).isEmpty();
		permit.release();
		permit.release();
		assertThat(pool.inUse()).isZero();
		pool.tryAcquire().orElseThrow();
		assertThat(pool.tryAcquire()).as("still one place, not two").isEmpty();
	}

	@Test
	void the_feed_cap_is_derived_from_the_heap_unless_configured() {
		LimitsProperties derived = properties();
		assertThat(derived.feedCapacity(1024L * 1024 * 1024)).isEqualTo(512 * 1024 / 24);
		assertThat(properties("feeds-per-instance", "300").feedCapacity(1024L * 1024 * 1024)).isEqualTo(300);
	}

	/** An exchange that admits the work and then lasts until {@code end} completes. */
	private Mono<Void> admitted(Admission admission, Work work, Sinks.Empty<Void> end) {
		return this.held.filter(exchange(), (exchange) -> {
			admission.admit(exchange, work);
			return end.asMono();
		});
	}

	private Admission admission(String... settings) {
		return new Admission(properties(settings), this.meters);
	}

	private static LimitsProperties properties(String... settings) {
		MapConfigurationPropertySource source = new MapConfigurationPropertySource();
		for (int i = 0; i < settings.length; i += 2) {
			source.put("shopstream.limits." + settings[i], settings[i + 1]);
		}
		return new Binder(source).bindOrCreate("shopstream.limits", Bindable.of(LimitsProperties.class));
	}

	private static MockServerWebExchange exchange() {
		return MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/orders/export"));
	}

	private static MockServerWebExchange rateLimited(MockServerWebExchange exchange) {
		exchange.getResponse().getHeaders().set(RequestRateLimits.POLICY_FIELD, "\"reads\";q=20;w=2");
		exchange.getResponse().getHeaders().set(RequestRateLimits.LIMIT_FIELD, "\"reads\";r=19;t=1");
		return exchange;
	}

	private double inUse(String limit) {
		return this.meters.get("shopstream.limits.in_use").tag("limit", limit).gauge().value();
	}

}
