package io.shopstream.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first admin account, created at start-up when no user has this email
 * ({@code SHOPSTREAM_ADMIN_EMAIL}, {@code SHOPSTREAM_ADMIN_PASSWORD}).
 */
@ConfigurationProperties("shopstream.admin")
record AdminProperties(String email, String password, @DefaultValue("admin") String username) {

	@Override
	public String toString() {
		return "AdminProperties[email=" + this.email + ", username=" + this.username + "]";
	}

}
