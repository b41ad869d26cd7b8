package io.shopstream.auth;

import io.shopstream.support.MongoDbApiTest;
import io.shopstream.support.TestIssuer;
import org.junit.jupiter.api.AfterAll;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The JWT contract on a real MongoDB replica set, with an issuer of its own. */
@MongoDbApiTest
class JwtApiOnMongoDbTests extends JwtApiContract {

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
