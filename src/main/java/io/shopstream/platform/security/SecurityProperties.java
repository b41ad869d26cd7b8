package io.shopstream.platform.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sessions, cookies, login throttling and CORS.
 *
 * @param sessionLifetime how long a login lasts
 * @param cookieName the session cookie's name
 * @param cookieSecure mark the cookie Secure (turn off only for plain-HTTP localhost)
 * @param loginFailuresPerMinute failed logins allowed per account and per client address
 * @param corsAllowedOrigins origins allowed to call the API from a browser; empty: CORS
 * off
 */
@ConfigurationProperties("shopstream.security")
public record SecurityProperties(@DefaultValue("12h") Duration sessionLifetime,
		@DefaultValue("shopstream_session") String cookieName, @DefaultValue("true") boolean cookieSecure,
		@DefaultValue("5") int loginFailuresPerMinute, @DefaultValue List<String> corsAllowedOrigins) {
}
