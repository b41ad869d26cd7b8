package io.shopstream.auth;

import io.shopstream.support.EmbeddedApiTest;
import io.shopstream.support.TestIssuer;
import org.junit.jupiter.api.AfterAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The JWT contract on the embedded back-end, with an issuer of its own. */
@EmbeddedApiTest
class JwtApiTests extends JwtApiContract {

	private static final TestIssuer issuer = TestIssuer.start();

	@DynamicPropertySource
	static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
		trust(registry, issuer);
	}

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	@Override
	TestIssuer issuer() {
		return issuer;
	}

}
