package io.shopstream.platform.security;

import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Finds the token of a request: the {@code Authorization: Bearer} header, or the session
 * cookie for GET and HEAD only. Browsers send cookies on cross-site requests too;
 * honouring the cookie only where nothing changes means a forged request cannot change
 * anything, while {@code EventSource}, which cannot send headers, still authenticates.
 * When JWTs are on, a bearer value of three dot-separated base64url parts is a JWT (a
 * session token has no dots); the cookie only ever carries a session token.
 */
class TokenConverter implements ServerAuthenticationConverter {

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{20,200}");

	/**
	 * Header, payload and signature; an unsigned JWT (empty signature) is not even
	 * considered.
	 */
	private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

	/**
	 * Room for large tokens (many groups); the server refuses request headers over 8 KiB
	 * anyway.
	 */
	private static final int JWT_MAX_LENGTH = 8192;

	private final String cookieName;

	private final boolean acceptJwts;

	TokenConverter(String cookieName, boolean acceptJwts) {
		this.cookieName = cookieName;
		this.acceptJwts = acceptJwts;
	}

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (header != null) {
			if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
				return Mono.error(new BadCredentialsException("unsupported authorization scheme"));
			}
			return bearer(header.substring(7).trim());
		}
		HttpMethod method = exchange.getRequest().getMethod();
		if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
			HttpCookie cookie = exchange.getRequest().getCookies().getFirst(this.cookieName);
			if (cookie != null) {
				return session(cookie.getValue());
			}
		}
		return Mono.empty();
	}

	private Mono<Authentication> bearer(String value) {
		if (this.acceptJwts && value.length() <= JWT_MAX_LENGTH && JWT.matcher(value).matches()) {
			return Mono.just(BearerToken.jwt(value));
		}
		return session(value);
	}

	private static Mono<Authentication> session(String value) {
		if (!TOKEN.matcher(value).matches()) {
			return Mono.error(new BadCredentialsException("malformed token"));
		}
		return Mono.just(BearerToken.session(value));
	}

}
