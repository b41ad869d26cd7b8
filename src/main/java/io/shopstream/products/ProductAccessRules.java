package io.shopstream.products;

import io.shopstream.platform.security.AccessRules;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.stereotype.Component;

/**
 * The catalogue is public to read and to count views in; every other write is for admins.
 */
@Component
class ProductAccessRules implements AccessRules {

	@Override
	public void configure(AuthorizeExchangeSpec exchanges) {
		exchanges.pathMatchers(HttpMethod.GET, "/api/v1/products", "/api/v1/products/**").permitAll();
		exchanges.pathMatchers(HttpMethod.POST, "/api/v1/products/*/views").permitAll();
		exchanges.pathMatchers("/api/v1/products", "/api/v1/products/**").hasRole("ADMIN");
	}

}
