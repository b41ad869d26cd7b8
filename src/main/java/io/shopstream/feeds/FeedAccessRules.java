package io.shopstream.feeds;

import io.shopstream.platform.security.AccessRules;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.stereotype.Component;

/**
 * The feeds' path rules, derived from who each {@link Feed} says may read it (inventory
 * everyone, orders signed in, users admins), so that the rule is written once: anonymous
 * and unprivileged callers are refused (401, 403) before a connection is admitted.
 */
@Component
class FeedAccessRules implements AccessRules {

	@Override
	public void configure(AuthorizeExchangeSpec exchanges) {
		for (Feed feed : Feed.values()) {
			AuthorizeExchangeSpec.Access access = exchanges.pathMatchers(HttpMethod.GET, feed.path());
			switch (feed.readers()) {
				case EVERYONE -> access.permitAll();
				case SIGNED_IN -> access.authenticated();
				case ADMINS -> access.hasRole("ADMIN");
			}
		}
	}

}
