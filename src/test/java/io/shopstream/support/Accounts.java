package io.shopstream.support;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Signing in from tests: the bootstrap admin of the test profile, and fresh users. */
public final class Accounts {

	public static final String ADMIN_LOGIN = "admin@shopstream.test";

	public static final String ADMIN_PASSWORD = "test-admin-password";

	public static final String PASSWORD = "correct horse battery";

	private Accounts() {
	}

	/** A client that sends the admin's bearer token. */
	public static WebTestClient admin(WebTestClient client) {
		return as(client, login(client, ADMIN_LOGIN, ADMIN_PASSWORD));
	}

	/** A client that sends this bearer token. */
	public static WebTestClient as(WebTestClient client, String token) {
		return client.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
	}

	/** A login attempt from a client address (X-Forwarded-For), its answer unchecked. */
	public static WebTestClient.ResponseSpec attemptLogin(WebTestClient client, String login, String password,
			String address) {
		return client.post()
			.uri("/api/v1/auth/login")
			.header("X-Forwarded-For", address)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("login", login, "password", password))
			.exchange();
	}

	public static String login(WebTestClient client, String login, String password) {
		Map<?, ?> result = client.post()
			.uri("/api/v1/auth/login")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("login", login, "password", password))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return (String) result.get("token");
	}

	/** Registers a new user (role user) and signs them in. */
	public static Account signUp(WebTestClient client, String prefix) {
		String name = Fixtures.unique(prefix);
		Map<?, ?> user = client.post()
			.uri("/api/v1/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Fixtures.newUserJson(name))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		String token = login(client, name, PASSWORD);
		return new Account((String) user.get("id"), name, token, as(client, token));
	}

	/**
	 * The 401 problem document {@code GET /auth/me} answers for this bearer token,
	 * without its correlation id, so that refusals can be compared whole.
	 */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> refusal(WebTestClient client, String token) {
		Map<String, Object> body = client.get()
			.uri("/api/v1/auth/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		body.remove("correlation_id");
		return body;
	}

	/** A signed-in user and a client that sends their token. */
	public record Account(String id, String username, String token, WebTestClient client) {
	}

}
