package io.shopstream.auth;

import java.time.Instant;

/**
 * What a successful login returns: the bearer token (also set as an HttpOnly cookie) and
 * its expiry.
 */
record LoginResult(String token, String tokenType, Instant expiresAt) {

	@Override
	public String toString() {
		return "LoginResult[expiresAt=" + this.expiresAt + "]";
	}

}
