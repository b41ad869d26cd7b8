package io.shopstream.analytics;

import io.shopstream.platform.security.AccessRules;

import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.stereotype.Component;

/** Reports and index and query-plan insight are for admins only. */
@Component
class AnalyticsAccessRules implements AccessRules {

	@Override
	public void configure(AuthorizeExchangeSpec exchanges) {
		exchanges.pathMatchers("/api/v1/analytics/**", "/api/v1/admin/**").hasRole("ADMIN");
	}

}
