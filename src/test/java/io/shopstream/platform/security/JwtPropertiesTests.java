package io.shopstream.platform.security;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * JWT settings as Boot binds them at start-up: off by default, and no issuer without an
 * audience.
 */
class JwtPropertiesTests {

	@Test
	void off_by_default_with_email_and_roles_claims() {
		JwtProperties jwt = bind(Map.of());
		assertThat(jwt.enabled()).isFalse();
		assertThat(jwt.userClaim()).isEqualTo("email");
		assertThat(jwt.rolesClaim()).isEqualTo("roles");
		assertThat(jwt.adminRole()).isEqualTo("admin");
		assertThat(bind(Map.of("shopstream.security.jwt.issuer-uri", " ")).enabled()).isFalse();
	}

	@Test
	void an_issuer_with_an_audience_turns_jwts_on() {
		JwtProperties jwt = bind(Map.of("shopstream.security.jwt.issuer-uri", "https://id.example/realms/shop",
				"shopstream.security.jwt.audience", "shopstream"));
		assertThat(jwt.enabled()).isTrue();
		assertThat(jwt.issuerUri()).isEqualTo("https://id.example/realms/shop");
	}

	@Test
	void an_issuer_without_an_audience_stops_the_start_with_a_message_naming_the_setting() {
		assertThatThrownBy(() -> bind(Map.of("shopstream.security.jwt.issuer-uri", "https://id.example/realms/shop")))
			.isInstanceOf(BindException.class)
			.rootCause()
			.hasMessageContaining("shopstream.security.jwt.audience")
			.hasMessageContaining("SHOPSTREAM_SECURITY_JWT_AUDIENCE");
	}

	@Test
	void an_issuer_must_be_an_http_url() {
		assertThatThrownBy(() -> bind(Map.of("shopstream.security.jwt.issuer-uri", "id.example",
				"shopstream.security.jwt.audience", "shopstream")))
			.isInstanceOf(BindException.class)
			.rootCause()
			.hasMessageContaining("issuer-uri must be an absolute http or https URL");
	}

	private static JwtProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("shopstream.security.jwt",
				JwtProperties.class);
	}

}
