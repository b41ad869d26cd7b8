package io.shopstream.platform.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A token presented by a request, not yet checked. */
final class BearerToken extends AbstractAuthenticationToken {

	private final String token;

	BearerToken(String token) {
		super(java.util.List.of());
		this.token = token;
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
