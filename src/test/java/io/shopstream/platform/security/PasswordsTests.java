package io.shopstream.platform.security;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passwords past bcrypt's 72 bytes hash and verify, every character counting; hashes made
 * before still verify; nothing but bcrypt ever does.
 */
class PasswordsTests {

	private final Passwords passwords = new Passwords(new PasswordProperties(10), new SimpleMeterRegistry());

	@AfterEach
	void stop() {
		this.passwords.destroy();
	}

	@Test
	void a_password_of_128_characters_and_256_bytes_hashes_and_only_it_verifies() {
		String password = "é".repeat(128);
		String hash = this.passwords.hash(password).block();
		assertThat(hash).startsWith("{" + Passwords.PREHASHED + "}");
		assertThat(this.passwords.matches(password, hash).block()).isTrue();
		assertThat(this.passwords.matches("é".repeat(127) + "e", hash).block())
			.as("a difference in the last character, past byte 72, counts")
			.isFalse();
	}

	@Test
	void hashes_made_before_of_the_password_itself_still_verify() {
		String old = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("correct horse battery");
		assertThat(this.passwords.matches("correct horse battery", old).block()).isTrue();
		assertThat(this.passwords.matches("wrong horse battery", old).block()).isFalse();
		assertThat(this.passwords.matches("x".repeat(100), old).block()).as("too long for bcrypt: no, not an error")
			.isFalse();
	}

	@Test
	void nothing_but_bcrypt_verifies() {
		assertThat(this.passwords.matches("secret", "{noop}secret").block()).isFalse();
		assertThat(this.passwords.matches("secret", "secret").block()).isFalse();
	}

}
