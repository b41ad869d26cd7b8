package io.shopstream.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopstream.support.Accounts;
import io.shopstream.support.Accounts.Account;
import io.shopstream.support.Fixtures;
import io.shopstream.users.UserSchema;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session lifecycle as a client lives it: register, log in, use by bearer and cookie,
 * log out, expire, get suspended.
 */
abstract class AuthApiContract {

	@Autowired
	WebTestClient client;

	@Autowired
	ReactiveMongoTemplate mongo;

	@Autowired
	MeterRegistry meters;

	@Test
	void logs_in_with_email_or_username_and_returns_a_token_and_a_hardened_cookie() {
		Account account = Accounts.signUp(this.client, "login");
		EntityExchangeResult<Map> login = login(account.username() + "@example.com", Accounts.PASSWORD, null)
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult();
		String token = (String) login.getResponseBody().get("token");
		assertThat(token).matches("[A-Za-z0-9_-]{43,}");
		assertThat(login.getResponseBody().get("token_type")).isEqualTo("Bearer");
		assertThat(Instant.parse((String) login.getResponseBody().get("expires_at")))
			.isBetween(Instant.now().plus(Duration.ofHours(11)), Instant.now().plus(Duration.ofHours(13)));
		ResponseCookie cookie = login.getResponseCookies().getFirst("shopstream_session");
		assertThat(cookie.getValue()).isEqualTo(token);
		assertThat(cookie.isHttpOnly()).isTrue();
		assertThat(cookie.isSecure()).isTrue();
		assertThat(cookie.getSameSite()).isEqualTo("Lax");

		login(account.username(), Accounts.PASSWORD, null).expectStatus().isOk();
	}

	@Test
	void the_token_works_as_bearer_and_as_cookie_for_reading_and_me_shows_no_secrets() {
		Account account = Accounts.signUp(this.client, "me");
		String body = account.client()
			.get()
			.uri("/api/v1/auth/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("\"id\":\"" + account.id() + "\"").contains("\"last_login_at\":");
		assertThat(body).doesNotContain("password").doesNotContain(account.token());
		this.client.get()
			.uri("/api/v1/auth/me")
			.cookie("shopstream_session", account.token())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(account.id());
	}

	@Test
	void the_cookie_alone_changes_nothing() {
		Account account = Accounts.signUp(this.client, "csrf");
		this.client.patch()
			.uri("/api/v1/users/{id}", account.id())
			.cookie("shopstream_session", account.token())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"profile\": {\"bio\": \"forged\"}}")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.client.post()
			.uri("/api/v1/auth/logout")
			.cookie("shopstream_session", account.token())
			.exchange()
			.expectStatus()
			.isUnauthorized();
		account.client()
			.get()
			.uri("/api/v1/auth/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.profile.bio")
			.doesNotExist();
	}

	@Test
	void logout_ends_the_session_and_clears_the_cookie() {
		Account account = Accounts.signUp(this.client, "bye");
		EntityExchangeResult<Void> logout = account.client()
			.post()
			.uri("/api/v1/auth/logout")
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectBody()
			.isEmpty();
		assertThat(logout.getResponseCookies().getFirst("shopstream_session").getMaxAge()).isZero();
		account.client()
			.get()
			.uri("/api/v1/auth/me")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void stores_only_a_hash_of_the_token() {
		Account account = Accounts.signUp(this.client, "hash");
		List<Document> sessions = Flux
			.from(this.mongo.getCollection(SessionSchema.COLLECTION)
				.block()
				.find(Filters.eq("user_id", new ObjectId(account.id()))))
			.collectList()
			.block();
		assertThat(sessions).hasSize(1);
		Document session = sessions.get(0);
		assertThat(session.toJson()).doesNotContain(account.token());
		assertThat(session.getString("token_hash")).isEqualTo(SessionTokens.hash(account.token()));
		assertThat(session.getString("role")).isEqualTo("user");
		assertThat(session.getDate("expires_at")).isAfter(session.getDate("created_at"));
	}

	@Test
	void an_expired_session_is_refused_even_before_mongodb_deletes_it() {
		Account account = Accounts.signUp(this.client, "expired");
		Mono.from(this.mongo.getCollection(SessionSchema.COLLECTION)
			.block()
			.updateOne(Filters.eq("token_hash", SessionTokens.hash(account.token())),
					Updates.set("expires_at", Date.from(Instant.now().minusSeconds(1)))))
			.block();
		account.client().get().uri("/api/v1/auth/me").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void suspension_ends_every_session_at_once_and_blocks_login() {
		Account account = Accounts.signUp(this.client, "suspended");
		account.client().get().uri("/api/v1/auth/me").exchange().expectStatus().isOk();
		Accounts.admin(this.client)
			.patch()
			.uri("/api/v1/users/{id}", account.id())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"status\": \"suspended\"}")
			.exchange()
			.expectStatus()
			.isOk();
		account.client().get().uri("/api/v1/auth/me").exchange().expectStatus().isUnauthorized();
		login(account.username(), Accounts.PASSWORD, "198.51.100.10").expectStatus().isUnauthorized();
	}

	@Test
	void a_deleted_user_cannot_log_in() {
		Account account = Accounts.signUp(this.client, "deleted");
		account.client().delete().uri("/api/v1/users/{id}", account.id()).exchange().expectStatus().isNoContent();
		account.client().get().uri("/api/v1/auth/me").exchange().expectStatus().isUnauthorized();
		login(account.username(), Accounts.PASSWORD, "198.51.100.11").expectStatus().isUnauthorized();
	}

	@Test
	void unknown_account_and_wrong_password_look_the_same() {
		Account account = Accounts.signUp(this.client, "same");
		Map<String, Object> wrong = problem(login(account.username(), "wrong password here", "198.51.100.20"));
		Map<String, Object> unknown = problem(login(Fixtures.unique("nobody"), "wrong password here", "198.51.100.21"));
		assertThat(wrong).isEqualTo(unknown);
		assertThat(wrong.get("status")).isEqualTo(401);
	}

	@Test
	void an_unknown_account_costs_a_password_check_like_a_known_one() {
		Account account = Accounts.signUp(this.client, "timing");
		double before = verifications();
		login(account.username(), "wrong password here", "198.51.100.30").expectStatus().isUnauthorized();
		double afterWrong = verifications();
		login(Fixtures.unique("ghost"), "wrong password here", "198.51.100.40").expectStatus().isUnauthorized();
		double afterUnknown = verifications();
		assertThat(afterWrong - before).as("bcrypt checks for a wrong password").isEqualTo(1);
		assertThat(afterUnknown - afterWrong).as("bcrypt checks for an unknown account").isEqualTo(1);
	}

	private double verifications() {
		return this.meters.get("shopstream.passwords.verifications").counter().count();
	}

	@Test
	void registration_cannot_choose_a_role() {
		String name = Fixtures.unique("climber");
		this.client.post()
			.uri("/api/v1/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"email\": \"" + name + "@example.com\", \"username\": \"" + name
					+ "\", \"password\": \"correct horse battery\", \"role\": \"admin\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("role");
	}

	@Test
	void a_plain_text_or_legacy_hash_never_verifies() {
		String name = Fixtures.unique("legacy");
		Mono.from(this.mongo.getCollection(UserSchema.COLLECTION)
			.block()
			.insertOne(new Document("email", name + "@example.com").append("username", name)
				.append("password_hash", "{noop}" + Accounts.PASSWORD)
				.append("status", "active")
				.append("role", "admin")
				.append("created_at", new Date())))
			.block();
		login(name, Accounts.PASSWORD, "198.51.100.50").expectStatus().isUnauthorized();
		Mono.from(this.mongo.getCollection(UserSchema.COLLECTION)
			.block()
			.updateOne(Filters.eq("username", name), Updates.set("password_hash", Accounts.PASSWORD))).block();
		login(name, Accounts.PASSWORD, "198.51.100.51").expectStatus().isUnauthorized();
	}

	WebTestClient.ResponseSpec login(String login, String password, String clientAddress) {
		WebTestClient.RequestBodySpec request = this.client.post()
			.uri("/api/v1/auth/login")
			.contentType(MediaType.APPLICATION_JSON);
		if (clientAddress != null) {
			request = request.header("X-Forwarded-For", clientAddress);
		}
		return request.bodyValue(Map.of("login", login, "password", password)).exchange();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> problem(WebTestClient.ResponseSpec response) {
		Map<String, Object> body = response.expectBody(Map.class).returnResult().getResponseBody();
		body.remove("correlation_id");
		return body;
	}

}
