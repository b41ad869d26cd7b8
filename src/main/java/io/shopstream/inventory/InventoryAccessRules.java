package io.shopstream.inventory;

import io.shopstream.platform.security.AccessRules;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.stereotype.Component;

/** Stock levels are public to read; setting and adjusting them is for admins. */
@Component
class InventoryAccessRules implements AccessRules {

	@Override
	public void configure(AuthorizeExchangeSpec exchanges) {
		exchanges.pathMatchers(HttpMethod.GET, "/api/v1/inventory/**").permitAll();
		exchanges.pathMatchers("/api/v1/inventory/**").hasRole("ADMIN");
	}

}
