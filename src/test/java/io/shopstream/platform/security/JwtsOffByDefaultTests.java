package io.shopstream.platform.security;

import io.shopstream.support.Accounts;
import io.shopstream.support.EmbeddedApiTest;
import io.shopstream.support.TestIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code shopstream.security.jwt.issuer-uri} nothing about JWTs exists: no
 * decoder, no call to any issuer, and a well-formed, well-signed JWT is just a malformed
 * session token.
 */
@EmbeddedApiTest
class JwtsOffByDefaultTests {

	@Autowired
	WebTestClient client;

	@Autowired
	ApplicationContext context;

	@Test
	void without_an_issuer_a_jwt_is_refused_like_any_malformed_token_and_no_issuer_is_asked() {
		assertThat(this.context.getBeanProvider(IssuerTokens.class).getIfAvailable()).isNull();
		try (TestIssuer issuer = TestIssuer.start()) {
			String jwt = issuer.sign(issuer.claims(Accounts.ADMIN_LOGIN).claim("roles", "admin"));
			assertThat(Accounts.refusal(this.client, jwt))
				.isEqualTo(Accounts.refusal(this.client, "not a session token"));
			assertThat(issuer.requests()).isZero();
		}
	}

}
