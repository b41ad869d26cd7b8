package io.shopstream.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import org.springframework.stereotype.Component;

/**
 * Makes session tokens (256 random bits from a DRBG {@link SecureRandom}, base64url) and
 * their SHA-256 fingerprints. The generator is seeded at start-up so that making a token
 * never reads the entropy device on a request thread.
 */
@Component
class SessionTokens {

	private static final int TOKEN_BYTES = 32;

	private final SecureRandom random;

	SessionTokens() throws NoSuchAlgorithmException {
		this.random = SecureRandom.getInstance("DRBG");
		this.random.nextBytes(new byte[TOKEN_BYTES]);
	}

	String newToken() {
		byte[] bytes = new byte[TOKEN_BYTES];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String hash(String token) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
