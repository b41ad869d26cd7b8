package io.shopstream.platform.security;

import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password hashing with a {@link DelegatingPasswordEncoder} that knows bcrypt only, so
 * {@code {noop}} and legacy hashes never verify. Hashing costs tens of milliseconds of
 * CPU by design, so it runs on its own small pool, never on an event-loop thread.
 */
@Component
public class Passwords implements DisposableBean {

	private final PasswordEncoder encoder;

	private final Scheduler hashing;

	private final Counter verifications;

	public Passwords(PasswordProperties properties, MeterRegistry registry) {
		this.encoder = new DelegatingPasswordEncoder("bcrypt",
				Map.of("bcrypt", new BCryptPasswordEncoder(properties.bcryptStrength())));
		this.hashing = Schedulers.newBoundedElastic(Math.max(2, Runtime.getRuntime().availableProcessors()), 10_000,
				"password-hashing");
		this.verifications = Counter.builder("shopstream.passwords.verifications")
			.description("Password checks against a stored hash, each one a bcrypt computation")
			.register(registry);
	}

	public Mono<String> hash(CharSequence password) {
		return Mono.fromCallable(() -> this.encoder.encode(password)).subscribeOn(this.hashing);
	}

	public Mono<Boolean> matches(CharSequence password, String hash) {
		return Mono.fromCallable(() -> {
			this.verifications.increment();
			return hash != null && this.encoder.matches(password, hash);
		}).onErrorReturn(IllegalArgumentException.class, false).subscribeOn(this.hashing);
	}

	@Override
	public void destroy() {
		this.hashing.dispose();
	}

}
