package io.shopstream.orders;

import io.shopstream.platform.security.AccessRules;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.stereotype.Component;

/**
 * The export is for admins. Every other order route needs a signed-in caller, and
 * {@link OrderService} shows a user only their own orders.
 */
@Component
class OrderAccessRules implements AccessRules {

	@Override
	public void configure(AuthorizeExchangeSpec exchanges) {
		exchanges.pathMatchers(HttpMethod.GET, "/api/v1/orders/export").hasRole("ADMIN");
	}

}
