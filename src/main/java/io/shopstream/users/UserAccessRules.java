package io.shopstream.users;

import io.shopstream.platform.security.AccessRules;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.stereotype.Component;

/**
 * Listing users and creating them with a chosen role are for admins; anyone signed in may
 * reach {@code /users/{id}}, where {@link UserHandler} lets them see and change only
 * themselves. Everyone else registers through {@code /auth/register}.
 */
@Component
class UserAccessRules implements AccessRules {

	@Override
	public void configure(AuthorizeExchangeSpec exchanges) {
		exchanges.pathMatchers(HttpMethod.GET, "/api/v1/users").hasRole("ADMIN");
		exchanges.pathMatchers(HttpMethod.POST, "/api/v1/users").hasRole("ADMIN");
	}

}
