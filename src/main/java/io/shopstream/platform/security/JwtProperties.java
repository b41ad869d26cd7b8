package io.shopstream.platform.security;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * JWTs from an outside issuer, accepted besides Shopstream's own sessions. Off unless the
 * issuer is set; then the audience is required, so that a token the issuer made for some
 * other service is never taken for one made for Shopstream.
 *
 * @param issuerUri the issuer, exactly as its tokens' {@code iss} says; blank: JWTs off
 * @param audience the {@code aud} value that marks a token as meant for Shopstream
 * @param userClaim the claim holding the email address of the Shopstream account
 * @param rolesClaim the claim holding the roles (a string or an array of strings)
 * @param adminRole the role, among those, that lets an admin act as admin
 */
@ConfigurationProperties("shopstream.security.jwt")
public record JwtProperties(String issuerUri, String audience, @DefaultValue("email") String userClaim,
		@DefaultValue("roles") String rolesClaim, @DefaultValue("admin") String adminRole) {

	public JwtProperties {
		issuerUri = (issuerUri != null) ? issuerUri.trim() : null;
		audience = (audience != null) ? audience.trim() : null;
		if (StringUtils.hasText(issuerUri)) {
			requireHttpUri(issuerUri);
			if (!StringUtils.hasText(audience)) {
				throw new IllegalArgumentException(
						"shopstream.security.jwt.audience (SHOPSTREAM_SECURITY_JWT_AUDIENCE) "
								+ "must be set when shopstream.security.jwt.issuer-uri is set: it is the aud value the "
								+ "issuer puts in tokens meant for Shopstream");
			}
			requireText(userClaim, "user-claim");
			requireText(rolesClaim, "roles-claim");
			requireText(adminRole, "admin-role");
		}
	}

	/** JWTs are accepted only when an issuer is configured. */
	public boolean enabled() {
		return StringUtils.hasText(this.issuerUri);
	}

	private static void requireHttpUri(String issuerUri) {
		URI uri;
		try {
			uri = URI.create(issuerUri);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("shopstream.security.jwt.issuer-uri is not a URI", ex);
		}
		if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
			throw new IllegalArgumentException(
					"shopstream.security.jwt.issuer-uri must be an absolute http or https URL");
		}
	}

	private static void requireText(String value, String name) {
		if (!StringUtils.hasText(value)) {
			throw new IllegalArgumentException("shopstream.security.jwt." + name + " must not be blank");
		}
	}

}
