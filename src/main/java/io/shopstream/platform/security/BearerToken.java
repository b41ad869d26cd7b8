package io.shopstream.platform.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A token presented by a request, not yet checked: an opaque session token or a JWT. */
final class BearerToken extends AbstractAuthenticationToken {

	private final String token;

	private final boolean jwt;

	private BearerToken(String token, boolean jwt) {
		super(List.of());
		this.token = token;
		this.jwt = jwt;
	}

	static BearerToken session(String token) {
		return new BearerToken(token, false);
	}

	static BearerToken jwt(String token) {
		return new BearerToken(token, true);
	}

	boolean isJwt() {
		return this.jwt;
	}

	@Override
	public Object getCredentials() {
		return this.token;
	}

	@Override
	public Object getPrincipal() {
		return "";
	}

	@Override
	public String toString() {
		return "BearerToken[redacted]";
	}

}
