package io.shopstream.wallet;

import io.shopstream.platform.security.AccessRules;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.stereotype.Component;

/**
 * Adjusting a balance is for admins. Transfers and ledgers need a signed-in caller, whom
 * {@link WalletHandler} lets see and move only their own money (admins: anyone's).
 */
@Component
class WalletAccessRules implements AccessRules {

	@Override
	public void configure(AuthorizeExchangeSpec exchanges) {
		exchanges.pathMatchers(HttpMethod.POST, "/api/v1/users/*/balance/adjustments").hasRole("ADMIN");
	}

}
