package io.shopstream.users;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.shopstream.support.Accounts;
import io.shopstream.support.Accounts.Account;
import io.shopstream.support.Fixtures;
import io.shopstream.support.FreshConnections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The users API as a client sees it, over HTTP. Run against the embedded back-end by
 * {@link UserApiTests} and against a real MongoDB by {@link UserApiOnMongoDbTests}.
 */
abstract class UserApiContract {

	private static final String NEW_PASSWORD = "a brand new passphrase";

	@Autowired
	WebTestClient anonymous;

	/**
	 * Signed in as the admin: these tests are about the API's behaviour, the access
	 * matrix is elsewhere.
	 */
	WebTestClient client;

	/**
	 * The first request after the context starts (class loading, JIT, the first bcrypt
	 * check) took over WebTestClient's default 5 s on a loaded two-core machine; the
	 * behaviour under test is not its speed.
	 */
	private static final Duration FIRST_REQUEST_TIMEOUT = Duration.ofSeconds(30);

	@BeforeEach
	void signInAsAdmin() {
		this.client = Accounts.admin(this.anonymous.mutate().responseTimeout(FIRST_REQUEST_TIMEOUT).build());
	}

	@Test
	void creates_a_user_and_never_shows_the_password_or_its_hash() {
		String name = Fixtures.unique("ada");
		EntityExchangeResult<byte[]> created = create("""
				{"email": "%s@Example.COM", "username": "%s", "password": "correct horse battery",
				 "profile": {"first_name": "Ada", "bio": "Analyst"}, "preferences": {"theme": "dark"}}"""
			.formatted(name, name)).expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches(HttpHeaders.LOCATION, "/api/v1/users/[0-9a-f]{24}")
			.expectBody()
			.jsonPath("$.id")
			.value((String id) -> assertThat(id).matches("[0-9a-f]{24}"))
			.jsonPath("$.email")
			.isEqualTo(name + "@example.com")
			.jsonPath("$.username")
			.isEqualTo(name)
			.jsonPath("$.profile.first_name")
			.isEqualTo("Ada")
			.jsonPath("$.preferences.theme")
			.isEqualTo("dark")
			.jsonPath("$.status")
			.isEqualTo("active")
			.jsonPath("$.role")
			.isEqualTo("user")
			.jsonPath("$.balance")
			.isEqualTo("0.00")
			.jsonPath("$.created_at")
			.value((String at) -> assertThat(at).matches("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z"))
			.returnResult();
		String body = new String(created.getResponseBodyContent());
		assertThat(body).doesNotContain("password").doesNotContain("$2a$").doesNotContain("correct horse");

		this.client.get()
			.uri(created.getResponseHeaders().getLocation().toString())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo(name)
			.jsonPath("$.created_at")
			.isEqualTo(readJson(body).get("created_at"))
			.jsonPath("$.password_hash")
			.doesNotExist();
	}

	@Test
	void a_password_past_bcrypts_72_bytes_registers_changes_and_signs_in_and_one_past_128_characters_is_a_400() {
		String name = Fixtures.unique("long");
		String password = "pässwörd ".repeat(15).substring(0, 128);
		this.anonymous.post()
			.uri("/api/v1/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", name + "@example.com", "username", name, "password", password))
			.exchange()
			.expectStatus()
			.isCreated();
		String token = Accounts.login(this.anonymous, name, password);
		Accounts.attemptLogin(this.anonymous, name, password.substring(0, 127) + "x", "203.0.113.72")
			.expectStatus()
			.isUnauthorized();
		this.anonymous.post()
			.uri("/api/v1/auth/register")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("email", name + "x@example.com", "username", name + "x", "password", password + "x"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("password");
		String id = (String) this.anonymous.get()
			.uri("/api/v1/auth/me")
			.header("Authorization", "Bearer " + token)
			.exchange()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("id");
		String changed = "ändern ".repeat(20).substring(0, 120);
		Accounts.as(this.anonymous, token)
			.patch()
			.uri("/api/v1/users/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("password", changed, "current_password", password))
			.exchange()
			.expectStatus()
			.isOk();
		Accounts.login(this.anonymous, name, changed);
	}

	@Test
	void rejects_a_second_user_with_the_same_email_or_username_naming_the_field() {
		String name = Fixtures.unique("grace");
		create(Fixtures.newUserJson(name)).expectStatus().isCreated();

		create("""
				{"email": "%s@example.com", "username": "%s", "password": "correct horse battery"}""".formatted(name,
				Fixtures.unique("other")))
			.expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("email")
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).doesNotContain("E11000").contains("email"));

		create("""
				{"email": "%s@example.com", "username": "%s", "password": "correct horse battery"}"""
			.formatted(Fixtures.unique("other"), name)).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("username");
	}

	@Test
	void lists_every_validation_error_at_once() {
		create("""
				{"email": "not-an-email", "username": "x", "password": "short",
				 "profile": {"bio": "%s"}}""".formatted("b".repeat(501))).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.errors[*].field")
			.value((List<String> fields) -> assertThat(fields).containsExactlyInAnyOrder("email", "password",
					"profile.bio", "username"));
	}

	@Test
	void pages_through_the_whole_list_without_skipping_or_repeating() {
		List<String> mine = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			mine.add(createdId(Fixtures.newUserJson(Fixtures.unique("page"))));
		}
		List<String> seen = new ArrayList<>();
		String next = "/api/v1/users?limit=2";
		int pages = 0;
		while (next != null) {
			EntityExchangeResult<List<Map<String, Object>>> page = this.client.get()
				.uri(next)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.contentType(MediaType.APPLICATION_JSON)
				.expectBodyList(new ParameterizedTypeReference<Map<String, Object>>() {
				})
				.returnResult();
			List<Map<String, Object>> items = page.getResponseBody();
			assertThat(items).hasSizeLessThanOrEqualTo(2);
			items.forEach((item) -> seen.add((String) item.get("id")));
			next = nextLink(page.getResponseHeaders());
			if (next != null) {
				assertThat(items).hasSize(2);
			}
			pages++;
		}
		assertThat(seen).doesNotHaveDuplicates();
		assertThat(seen).containsSubsequence(mine);
		assertThat(pages).isGreaterThanOrEqualTo(3);
	}

	@Test
	void streams_a_list_as_ndjson_when_asked() {
		String id = createdId(Fixtures.newUserJson(Fixtures.unique("nd")));
		String body = this.client.get()
			.uri("/api/v1/users?limit=1000")
			.accept(MediaType.APPLICATION_NDJSON)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_NDJSON)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body.lines()).allMatch((line) -> line.startsWith("{") && line.endsWith("}"));
		assertThat(body).contains("\"id\":\"" + id + "\"");
	}

	@Test
	void filters_by_status_and_role_and_hides_deleted_users_by_default() {
		String suspended = createdId(Fixtures.newUserJson(Fixtures.unique("sus")));
		this.client.patch()
			.uri("/api/v1/users/{id}", suspended)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"status\": \"suspended\", \"role\": \"guest\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("suspended");
		String deleted = createdId(Fixtures.newUserJson(Fixtures.unique("del")));
		this.client.delete().uri("/api/v1/users/{id}", deleted).exchange().expectStatus().isNoContent();

		assertThat(listIds("/api/v1/users?status=suspended&role=guest&limit=1000")).contains(suspended);
		assertThat(listIds("/api/v1/users?status=active&limit=1000")).doesNotContain(suspended, deleted);
		assertThat(listIds("/api/v1/users?limit=1000")).contains(suspended).doesNotContain(deleted);
		assertThat(listIds("/api/v1/users?status=deleted&limit=1000")).contains(deleted);
	}

	@Test
	void patch_changes_only_the_fields_sent_and_merges_the_profile() {
		String id = createdId("""
				{"email": "%1$s@example.com", "username": "%1$s", "password": "correct horse battery",
				 "profile": {"first_name": "Ada", "last_name": "Lovelace"}}""".formatted(Fixtures.unique("patch")));
		this.client.patch()
			.uri("/api/v1/users/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"profile\": {\"bio\": \"Analyst\"}, \"preferences\": {\"theme\": \"light\"}}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.profile.first_name")
			.isEqualTo("Ada")
			.jsonPath("$.profile.last_name")
			.isEqualTo("Lovelace")
			.jsonPath("$.profile.bio")
			.isEqualTo("Analyst")
			.jsonPath("$.preferences.theme")
			.isEqualTo("light")
			.jsonPath("$.status")
			.isEqualTo("active");
	}

	@Test
	void patch_to_a_taken_email_is_a_conflict_and_changes_nothing() {
		String taken = Fixtures.unique("taken");
		createdId(Fixtures.newUserJson(taken));
		String name = Fixtures.unique("mover");
		String id = createdId(Fixtures.newUserJson(name));
		this.client.patch()
			.uri("/api/v1/users/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(
					"{\"email\": \"" + taken + "@example.com\", \"username\": \"" + Fixtures.unique("renamed") + "\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("email");
		this.client.get()
			.uri("/api/v1/users/{id}", id)
			.exchange()
			.expectBody()
			.jsonPath("$.email")
			.isEqualTo(name + "@example.com")
			.jsonPath("$.username")
			.isEqualTo(name);
	}

	@Test
	void changing_ones_own_password_or_email_needs_the_current_password() {
		Account user = Accounts.signUp(this.anonymous, "proof");
		for (String change : List.of("{\"password\": \"" + NEW_PASSWORD + "\"}",
				"{\"email\": \"" + Fixtures.unique("moved") + "@example.com\"}")) {
			patch(user.client(), user.id(), change, null).expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("current_password");
		}
		this.client.get()
			.uri("/api/v1/users/{id}", user.id())
			.exchange()
			.expectBody()
			.jsonPath("$.email")
			.isEqualTo(user.username() + "@example.com");
		Accounts.login(this.anonymous, user.username(), Accounts.PASSWORD);
	}

	@Test
	void a_wrong_current_password_is_refused_without_saying_more_and_changes_nothing() {
		Account user = Accounts.signUp(this.anonymous, "wrongproof");
		EntityExchangeResult<byte[]> refused = patch(user.client(), user.id(),
				"{\"password\": \"" + NEW_PASSWORD + "\", \"current_password\": \"not my password at all\"}",
				"192.0.2.10")
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors.length()")
			.isEqualTo(1)
			.jsonPath("$.errors[0].field")
			.isEqualTo("current_password")
			.jsonPath("$.errors[0].message")
			.isEqualTo("is wrong")
			.returnResult();
		assertThat(new String(refused.getResponseBodyContent())).doesNotContain("$2a$")
			.doesNotContain("not my password at all");
		user.client().get().uri("/api/v1/auth/me").exchange().expectStatus().isOk();
		Accounts.login(this.anonymous, user.username(), Accounts.PASSWORD);
	}

	@Test
	void wrong_current_passwords_count_against_the_login_throttle() {
		Account user = Accounts.signUp(this.anonymous, "guesser");
		String guess = "{\"email\": \"" + Fixtures.unique("stolen")
				+ "@example.com\", \"current_password\": \"guess number one\"}";
		for (int i = 0; i < 5; i++) {
			patch(user.client(), user.id(), guess, "192.0.2.20").expectStatus().isBadRequest();
		}
		patch(user.client(), user.id(), guess, "192.0.2.20").expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.exists(HttpHeaders.RETRY_AFTER);
		this.anonymous.post()
			.uri("/api/v1/auth/login")
			.header("X-Forwarded-For", "192.0.2.21")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("login", user.username(), "password", Accounts.PASSWORD))
			.exchange()
			.expectStatus()
			.isEqualTo(429);
	}

	@Test
	void changing_ones_own_email_with_the_current_password_keeps_the_sessions() {
		Account user = Accounts.signUp(this.anonymous, "mover");
		String other = Accounts.login(this.anonymous, user.username(), Accounts.PASSWORD);
		String email = Fixtures.unique("moved") + "@example.com";
		patch(user.client(), user.id(),
				"{\"email\": \"" + email + "\", \"current_password\": \"" + Accounts.PASSWORD + "\"}", null)
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.email")
			.isEqualTo(email);
		Accounts.as(this.anonymous, other).get().uri("/api/v1/auth/me").exchange().expectStatus().isOk();
	}

	@Test
	void password_change_ends_the_users_other_sessions() {
		Account user = Accounts.signUp(this.anonymous, "rotate");
		String other = Accounts.login(this.anonymous, user.username(), Accounts.PASSWORD);
		Accounts.as(this.anonymous, other).get().uri("/api/v1/auth/me").exchange().expectStatus().isOk();

		patch(user.client(), user.id(),
				"{\"password\": \"" + NEW_PASSWORD + "\", \"current_password\": \"" + Accounts.PASSWORD + "\"}", null)
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(user.id());

		Accounts.as(this.anonymous, other).get().uri("/api/v1/auth/me").exchange().expectStatus().isUnauthorized();
		user.client()
			.get()
			.uri("/api/v1/auth/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(user.id());
		Accounts.login(this.anonymous, user.username(), NEW_PASSWORD);
	}

	@Test
	void an_admin_password_reset_ends_all_of_the_users_sessions() {
		Account user = Accounts.signUp(this.anonymous, "reset");
		String other = Accounts.login(this.anonymous, user.username(), Accounts.PASSWORD);

		patch(this.client, user.id(), "{\"password\": \"" + NEW_PASSWORD + "\"}", null).expectStatus().isOk();

		user.client().get().uri("/api/v1/auth/me").exchange().expectStatus().isUnauthorized();
		Accounts.as(this.anonymous, other).get().uri("/api/v1/auth/me").exchange().expectStatus().isUnauthorized();
		this.client.get().uri("/api/v1/users/{id}", user.id()).exchange().expectStatus().isOk();
		Accounts.login(this.anonymous, user.username(), NEW_PASSWORD);
	}

	@Test
	void the_api_description_asks_for_current_password() {
		this.anonymous.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/api/v1/users/{id}'].patch.description")
			.value((String description) -> assertThat(description).contains("current_password"))
			.jsonPath("$.paths['/api/v1/users/{id}'].patch.responses['429']")
			.exists();
	}

	@Test
	void delete_is_soft_and_the_user_is_gone_afterwards() {
		String id = createdId(Fixtures.newUserJson(Fixtures.unique("gone")));
		this.client.delete().uri("/api/v1/users/{id}", id).exchange().expectStatus().isNoContent();
		this.client.get().uri("/api/v1/users/{id}", id).exchange().expectStatus().isNotFound();
		this.client.delete().uri("/api/v1/users/{id}", id).exchange().expectStatus().isNotFound();
		this.client.get()
			.uri("/api/v1/users?status=deleted&limit=1000")
			.exchange()
			.expectBody()
			.jsonPath("$[?(@.id == '" + id + "')].deleted_at")
			.isNotEmpty();
	}

	@Test
	void answers_404_for_an_unknown_id_and_400_for_a_malformed_one() {
		this.client.get()
			.uri("/api/v1/users/{id}", "0123456789abcdef01234567")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404);
		this.client.get()
			.uri("/api/v1/users/{id}", "not-an-id")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("id");
	}

	@Test
	void rejects_operator_keys_unknown_properties_and_wrong_types() {
		String name = Fixtures.unique("bad");
		create("{\"email\": {\"$ne\": null}, \"username\": \"" + name + "\", \"password\": \"correct horse battery\"}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("email.$ne");
		create("{\"email\": \"" + name + "@example.com\", \"username\": \"" + name
				+ "\", \"password\": \"correct horse battery\", \"profile\": {\"a.b\": 1}}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("profile.a.b");
		create("{\"email\": \"" + name + "@example.com\", \"username\": \"" + name
				+ "\", \"password\": \"correct horse battery\", \"is_admin\": true}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("is_admin");
		create("{\"email\": \"" + name
				+ "@example.com\", \"username\": 12345, \"password\": \"correct horse battery\"}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("username");
		create("{\"email\": \"" + name + "@example.com\", \"username\": \"" + name
				+ "\", \"password\": \"correct horse battery\", \"role\": \"emperor\"}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("role");
		create("{\"email\": ").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The request body is not well-formed JSON");
		create("[1, 2]").expectStatus().isBadRequest();
		create("").expectStatus().isBadRequest();
		this.client.get()
			.uri("/api/v1/users?limit=1000")
			.exchange()
			.expectBody()
			.jsonPath("$[?(@.username == '" + name + "')]")
			.isEmpty();
	}

	@Test
	void rejects_deep_nesting() {
		String deep = "{\"bio\": 1}";
		for (int i = 0; i < 100; i++) {
			deep = "{\"a\": " + deep + "}";
		}
		create("{\"email\": \"deep@example.com\", \"username\": \"deep\", \"password\": \"correct horse battery\", \"profile\": "
				+ deep + "}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].message")
			.value((String message) -> assertThat(message).contains("deeper"));
		String tenThousand = "[".repeat(10_000) + "]".repeat(10_000);
		create(tenThousand).expectStatus().isBadRequest();
	}

	@Test
	void rejects_unknown_and_malformed_query_parameters() {
		this.client.get()
			.uri("/api/v1/users?status[$ne]=x")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("status[$ne]");
		this.client.get().uri("/api/v1/users?status=emperor").exchange().expectStatus().isBadRequest();
		this.client.get().uri("/api/v1/users?limit=0").exchange().expectStatus().isBadRequest();
		this.client.get().uri("/api/v1/users?limit=1001").exchange().expectStatus().isBadRequest();
		this.client.get().uri("/api/v1/users?limit=ten").exchange().expectStatus().isBadRequest();
		this.client.get()
			.uri("/api/v1/users?after=bm90LWEtY3Vyc29y")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("after");
	}

	@Test
	void answers_415_406_and_413_as_problem_documents() {
		this.client.post()
			.uri("/api/v1/users")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("hello")
			.exchange()
			.expectStatus()
			.isEqualTo(415)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.get()
			.uri("/api/v1/users")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isEqualTo(406)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		String big = "{\"email\": \"big@example.com\", \"username\": \"big\", \"password\": \"correct horse battery\", "
				+ "\"profile\": {\"bio\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}}";
		FreshConnections.keptAlive(this.client)
			.post()
			.uri("/api/v1/users")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(big)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	/**
	 * A PATCH of a user, from this client address when one is given (wrong passwords
	 * count per address).
	 */
	WebTestClient.ResponseSpec patch(WebTestClient as, String id, String json, String clientAddress) {
		WebTestClient.RequestBodySpec request = as.patch()
			.uri("/api/v1/users/{id}", id)
			.contentType(MediaType.APPLICATION_JSON);
		if (clientAddress != null) {
			request = request.header("X-Forwarded-For", clientAddress);
		}
		return request.bodyValue(json).exchange();
	}

	WebTestClient.ResponseSpec create(String json) {
		return this.client.post()
			.uri("/api/v1/users")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange();
	}

	String createdId(String json) {
		return create(json).expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("id")
			.toString();
	}

	List<String> listIds(String uri) {
		return this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(Map.class)
			.returnResult()
			.getResponseBody()
			.stream()
			.map((user) -> (String) user.get("id"))
			.toList();
	}

	static String nextLink(HttpHeaders headers) {
		String link = headers.getFirst(HttpHeaders.LINK);
		if (link == null) {
			return null;
		}
		assertThat(link).matches("<[^>]+>; rel=\"next\"");
		return link.substring(1, link.indexOf('>'));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> readJson(String body) {
		return JsonMapper.builder().build().readValue(body, Map.class);
	}

}
