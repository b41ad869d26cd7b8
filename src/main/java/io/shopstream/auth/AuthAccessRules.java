package io.shopstream.auth;

import io.shopstream.platform.security.AccessRules;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.stereotype.Component;

/** Registering and logging in are public; logging out and "who am I" need a session. */
@Component
class AuthAccessRules implements AccessRules {

	@Override
	public void configure(AuthorizeExchangeSpec exchanges) {
		exchanges.pathMatchers(HttpMethod.POST, "/api/v1/auth/register", "/api/v1/auth/login").permitAll();
	}

}
