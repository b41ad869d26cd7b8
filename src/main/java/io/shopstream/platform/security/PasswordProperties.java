package io.shopstream.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How passwords are hashed.
 *
 * @param bcryptStrength bcrypt cost factor (10 or more; each step doubles the work)
 */
@ConfigurationProperties("shopstream.security.passwords")
public record PasswordProperties(@DefaultValue("12") int bcryptStrength) {

	public PasswordProperties {
		if (bcryptStrength < 10 || bcryptStrength > 31) {
			throw new IllegalArgumentException("shopstream.security.passwords.bcrypt-strength must be 10 to 31");
		}
	}

}
