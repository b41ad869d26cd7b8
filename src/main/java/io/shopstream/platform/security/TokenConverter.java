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
 * Finds the token of a request: the {@code Authorization: Bearer} header, or the session cookie
 * for GET and HEAD only. Browsers send cookies on cross-site requests too; honouring the cookie
 * only where nothing changes means a forged request cannot change anything, while
 * {@code EventSource}, which cannot send headers, still authenticates.
 */
class TokenConverter implements ServerAuthenticationConverter {

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{20,200}");

	private final String cookieName;

	TokenConverter(String cookieName) {
		this.cookieName = cookieName;
	}

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		if (header != null) {
			if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
				return Mono.error(new BadCredentialsException("unsupported authorization scheme"));
			}
			return token(header.substring(7).trim());
		}
		HttpMethod method = exchange.getRequest().getMethod();
		if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
			HttpCookie cookie = exchange.getRequest().getCookies().getFirst(this.cookieName);
			if (cookie != null) {
				return token(cookie.getValue());
			}
		}
		return Mono.empty();
	}

	private static Mono<Authentication> token(String value) {
		if (!TOKEN.matcher(value).matches()) {
			return Mono.error(new BadCredentialsException("malformed token"));
		}
		return Mono.just(new BearerToken(value));
	}

}
