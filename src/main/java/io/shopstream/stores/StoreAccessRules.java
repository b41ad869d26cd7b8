package io.shopstream.stores;

import io.shopstream.platform.security.AccessRules;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.stereotype.Component;

/** Stores are public to read; opening them is for admins. */
@Component
class StoreAccessRules implements AccessRules {

	@Override
	public void configure(AuthorizeExchangeSpec exchanges) {
		exchanges.pathMatchers(HttpMethod.GET, "/api/v1/stores", "/api/v1/stores/**").permitAll();
		exchanges.pathMatchers("/api/v1/stores", "/api/v1/stores/**").hasRole("ADMIN");
	}

}
