package io.shopstream.auth;

import io.shopstream.support.Accounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A trailing slash is no way around an access rule: such paths are not found, for anyone.
 * Run on the embedded back-end by {@link TrailingSlashTests} and on a real MongoDB by
 * {@link TrailingSlashOnMongoDbTests}.
 */
abstract class TrailingSlashContract {

	@Autowired
	WebTestClient anonymous;

	@Test
	void a_user_cannot_list_users_through_a_trailing_slash() {
		WebTestClient user = Accounts.signUp(this.anonymous, "slash").client();
		user.get().uri("/api/v1/users").exchange().expectStatus().isForbidden();
		user.get()
			.uri("/api/v1/users/")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404);
		Accounts.admin(this.anonymous).get().uri("/api/v1/users/").exchange().expectStatus().isNotFound();
		this.anonymous.get().uri("/api/v1/products/").exchange().expectStatus().isNotFound();
		this.anonymous.get().uri("/api/v1/products").exchange().expectStatus().isOk();
	}

}
