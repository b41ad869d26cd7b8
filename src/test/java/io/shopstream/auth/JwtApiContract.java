package io.shopstream.auth;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import io.shopstream.support.Accounts;
import io.shopstream.support.Accounts.Account;
import io.shopstream.support.Fixtures;
import io.shopstream.support.TestIssuer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JWTs from an outside issuer, beside sessions: a token signs in the Shopstream account
 * with its email, can lower that account's role but never raise it, stops working when
 * the account is suspended, and every kind of bad token gets exactly the 401 a bad
 * session token gets. The issuer runs in the test JVM, one per concrete class, started
 * before its service and stopped after its tests; roles come from a non-default claim, to
 * show it is configurable. Run on the embedded back-end by {@link JwtApiTests} and on a
 * real MongoDB by {@link JwtApiOnMongoDbTests}.
 */
abstract class JwtApiContract {

	private static final String ADMIN_ROLE = "shopstream-admin";

	@Autowired
	WebTestClient client;

	/** The issuer the concrete class started for its service. */
	abstract TestIssuer issuer();

	/** Makes the service trust this issuer, with roles in its {@code groups} claim. */
	static void trust(DynamicPropertyRegistry registry, TestIssuer issuer) {
		registry.add("shopstream.security.jwt.issuer-uri", issuer::uri);
		registry.add("shopstream.security.jwt.audience", () -> TestIssuer.AUDIENCE);
		registry.add("shopstream.security.jwt.roles-claim", () -> "groups");
		registry.add("shopstream.security.jwt.admin-role", () -> ADMIN_ROLE);
	}

	@Test
	void a_token_signs_in_the_account_with_its_email_and_its_rights() {
		Account user = Accounts.signUp(this.client, "jwt");
		Account other = Accounts.signUp(this.client, "jwtother");
		WebTestClient bearer = bearer(issuer().claims(email(user)));
		bearer.get()
			.uri("/api/v1/auth/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(user.id());
		bearer.patch()
			.uri("/api/v1/users/{id}", user.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"profile\": {\"bio\": \"signed in by jwt\"}}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.profile.bio")
			.isEqualTo("signed in by jwt");
		bearer.get().uri("/api/v1/users/{id}", other.id()).exchange().expectStatus().isNotFound();
		bearer.get().uri("/api/v1/users").exchange().expectStatus().isForbidden();
		bearer(issuer().claims(email(user).toUpperCase(Locale.ROOT))).get()
			.uri("/api/v1/auth/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(user.id());
	}

	@Test
	void admin_rights_need_the_admin_role_both_in_shopstream_and_in_the_configured_claim() {
		String admin = Accounts.ADMIN_LOGIN;
		bearer(issuer().claims(admin).claim("groups", List.of("staff", ADMIN_ROLE))).get()
			.uri("/api/v1/users")
			.exchange()
			.expectStatus()
			.isOk();
		bearer(issuer().claims(admin).claim("groups", "staff " + ADMIN_ROLE)).get()
			.uri("/api/v1/users")
			.exchange()
			.expectStatus()
			.isOk();
		bearer(issuer().claims(admin).claim("groups", List.of("staff"))).get()
			.uri("/api/v1/users")
			.exchange()
			.expectStatus()
			.isForbidden();
		bearer(issuer().claims(admin)).get().uri("/api/v1/users").exchange().expectStatus().isForbidden();
		bearer(issuer().claims(admin).claim("roles", List.of("admin", ADMIN_ROLE))).get()
			.uri("/api/v1/users")
			.exchange()
			.expectStatus()
			.isForbidden();

		Account user = Accounts.signUp(this.client, "jwtclimber");
		Account other = Accounts.signUp(this.client, "jwtvictim");
		WebTestClient climber = bearer(issuer().claims(email(user)).claim("groups", List.of(ADMIN_ROLE)));
		climber.get().uri("/api/v1/users").exchange().expectStatus().isForbidden();
		climber.get().uri("/api/v1/users/{id}", other.id()).exchange().expectStatus().isNotFound();
		climber.patch()
			.uri("/api/v1/users/{id}", user.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"role\": \"admin\"}")
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@TestFactory
	List<DynamicTest> every_bad_token_gets_exactly_the_401_of_a_bad_session_token() {
		Account user = Accounts.signUp(this.client, "jwtbad");
		String email = email(user);
		Map<String, Object> badSession = Accounts.refusal(this.client, "A".repeat(43));
		assertThat(badSession).containsEntry("status", 401);
		bearer(issuer().claims(email)).get().uri("/api/v1/auth/me").exchange().expectStatus().isOk();

		Map<String, String> tokens = new LinkedHashMap<>();
		tokens.put("wrong audience", issuer().sign(issuer().claims(email).audience("another-service")));
		tokens.put("no audience", issuer().sign(issuer().claims(email).audience((String) null)));
		tokens.put("wrong issuer",
				issuer().sign(issuer().claims(email).issuer(issuer().uri().replace("127.0.0.1", "localhost"))));
		tokens.put("expired ten minutes ago",
				issuer().sign(issuer().claims(email).expirationTime(Date.from(Instant.now().minusSeconds(600)))));
		tokens.put("no expiry", issuer().sign(issuer().claims(email).expirationTime(null)));
		tokens.put("not valid for another hour",
				issuer().sign(issuer().claims(email).notBeforeTime(Date.from(Instant.now().plusSeconds(3600)))));
		tokens.put("signed by another key under the issuer's key id",
				TestIssuer.sign(issuer().claims(email), TestIssuer.newKey("issuer-key-1")));
		tokens.put("HS256 with the issuer's public key as the secret",
				issuer().signHs256WithPublicKey(issuer().claims(email)));
		tokens.put("alg none", TestIssuer.unsigned(issuer().claims(email)));
		tokens.put("alg none with a signature part", TestIssuer.unsigned(issuer().claims(email)) + "c2lnbmF0dXJl");
		tokens.put("the admin's claims under this user's signature", swapPayload(issuer().sign(issuer().claims(email)),
				issuer().sign(issuer().claims(Accounts.ADMIN_LOGIN))));
		tokens.put("no Shopstream account with that email",
				issuer().sign(issuer().claims(Fixtures.unique("nobody") + "@example.com")));
		tokens.put("email marked unverified", issuer().sign(issuer().claims(email).claim("email_verified", false)));
		tokens.put("no email claim", issuer().sign(issuer().claims(email).claim("email", null)));
		tokens.put("three parts, none of them JSON", "abc.def.ghi");
		return tokens.entrySet()
			.stream()
			.map((token) -> DynamicTest.dynamicTest(token.getKey() + " -> 401",
					() -> assertThat(Accounts.refusal(this.client, token.getValue())).isEqualTo(badSession)))
			.toList();
	}

	@Test
	void suspending_or_deleting_the_account_refuses_its_tokens_at_once() {
		Account user = Accounts.signUp(this.client, "jwtsuspended");
		WebTestClient bearer = bearer(issuer().claims(email(user)));
		WebTestClient admin = Accounts.admin(this.client);
		bearer.get().uri("/api/v1/auth/me").exchange().expectStatus().isOk();
		status(admin, user, "suspended");
		bearer.get().uri("/api/v1/auth/me").exchange().expectStatus().isUnauthorized();
		status(admin, user, "active");
		bearer.get().uri("/api/v1/auth/me").exchange().expectStatus().isOk();
		bearer.delete().uri("/api/v1/users/{id}", user.id()).exchange().expectStatus().isNoContent();
		bearer.get().uri("/api/v1/auth/me").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void the_session_cookie_never_carries_a_jwt() {
		Account user = Accounts.signUp(this.client, "jwtcookie");
		String jwt = issuer().sign(issuer().claims(email(user)));
		this.client.get()
			.uri("/api/v1/auth/me")
			.cookie("shopstream_session", jwt)
			.exchange()
			.expectStatus()
			.isUnauthorized();
		Accounts.as(this.client, jwt).get().uri("/api/v1/auth/me").exchange().expectStatus().isOk();
	}

	@Test
	void sessions_keep_working_beside_jwts() {
		Account user = Accounts.signUp(this.client, "jwtsession");
		user.client()
			.get()
			.uri("/api/v1/auth/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(user.id());
		this.client.get()
			.uri("/api/v1/auth/me")
			.cookie("shopstream_session", user.token())
			.exchange()
			.expectStatus()
			.isOk();
		Accounts.admin(this.client).get().uri("/api/v1/users").exchange().expectStatus().isOk();
		user.client().post().uri("/api/v1/auth/logout").exchange().expectStatus().isNoContent();
		user.client().get().uri("/api/v1/auth/me").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void an_issuer_that_cannot_be_reached_means_401_not_500_and_good_tokens_work_again_after() {
		Account user = Accounts.signUp(this.client, "jwtoutage");
		Map<String, Object> badSession = Accounts.refusal(this.client, "A".repeat(43));
		WebTestClient bearer = bearer(issuer().claims(email(user)));
		bearer.get().uri("/api/v1/auth/me").exchange().expectStatus().isOk();
		issuer().keysUnavailable(true);
		try {
			int before = issuer().requests();
			String rotated = TestIssuer.sign(issuer().claims(email(user)), TestIssuer.newKey("issuer-key-2"));
			assertThat(Accounts.refusal(this.client, rotated)).isEqualTo(badSession);
			assertThat(issuer().requests()).as("a new key id sends Shopstream to the issuer's key set")
				.isGreaterThan(before);
		}
		finally {
			issuer().keysUnavailable(false);
		}
		bearer.get().uri("/api/v1/auth/me").exchange().expectStatus().isOk();
	}

	private WebTestClient bearer(JWTClaimsSet.Builder claims) {
		return Accounts.as(this.client, issuer().sign(claims));
	}

	private static void status(WebTestClient admin, Account user, String status) {
		admin.patch()
			.uri("/api/v1/users/{id}", user.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"status\": \"" + status + "\"}")
			.exchange()
			.expectStatus()
			.isOk();
	}

	/** One token's header and signature around another token's claims. */
	private static String swapPayload(String signed, String other) {
		String[] parts = signed.split("\\.");
		return parts[0] + "." + other.split("\\.")[1] + "." + parts[2];
	}

	private static String email(Account account) {
		return account.username() + "@example.com";
	}

}
