package io.shopstream.platform.security;

import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;

/**
 * A feature's path-level access rules (which role may call which route), applied before
 * the catch-all "authenticated". Rules that depend on the data, such as "only your own
 * user", live in the feature's handler.
 */
public interface AccessRules {

	void configure(AuthorizeExchangeSpec exchanges);

}
