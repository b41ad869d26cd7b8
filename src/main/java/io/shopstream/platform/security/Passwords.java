package io.shopstream.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
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
 * <p>
 * bcrypt reads at most 72 bytes (Spring Security's encoder refuses more), while the
 * password policy allows 128 characters, up to 512 bytes in UTF-8. New hashes are
 * therefore {@code {bcrypt-sha256}}: bcrypt of the password's SHA-256 digest in Base64
 * (44 bytes), so every character counts and no length fails. Hashes made before,
 * {@code {bcrypt}} of the password itself, still verify.
 */
@Component
public class Passwords implements DisposableBean {

	/** The id of new hashes: bcrypt of the password's SHA-256 digest. */
	static final String PREHASHED = "bcrypt-sha256";

	private final PasswordEncoder encoder;

	private final Scheduler hashing;

	private final Counter verifications;

	public Passwords(PasswordProperties properties, MeterRegistry registry) {
		BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(properties.bcryptStrength());
		this.encoder = new DelegatingPasswordEncoder(PREHASHED,
				Map.of(PREHASHED, new Sha256Bcrypt(bcrypt), "bcrypt", bcrypt));
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

	/** bcrypt of the Base64 SHA-256 digest of the password's UTF-8 bytes. */
	static final class Sha256Bcrypt implements PasswordEncoder {

		private final PasswordEncoder bcrypt;

		Sha256Bcrypt(PasswordEncoder bcrypt) {
			this.bcrypt = bcrypt;
		}

		@Override
		public String encode(CharSequence password) {
			return this.bcrypt.encode(digest(password));
		}

		@Override
		public boolean matches(CharSequence password, String hash) {
			return this.bcrypt.matches(digest(password), hash);
		}

		static String digest(CharSequence password) {
			try {
				byte[] bytes = MessageDigest.getInstance("SHA-256")
					.digest(password.toString().getBytes(StandardCharsets.UTF_8));
				return Base64.getEncoder().encodeToString(bytes);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("Every Java platform has SHA-256", ex);
			}
		}

	}

}
