package io.shopstream.feeds;

import io.shopstream.support.Accounts;
import io.shopstream.support.SseClient;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The clients every feed test starts with: anonymous, the admin, and an SSE reader. */
abstract class FeedClients {

	@Autowired
	WebTestClient anonymous;

	@LocalServerPort
	int port;

	WebTestClient admin;

	String adminToken;

	SseClient sse;

	@BeforeEach
	void signInAdmin() {
		this.adminToken = Accounts.login(this.anonymous, Accounts.ADMIN_LOGIN, Accounts.ADMIN_PASSWORD);
		this.admin = Accounts.as(this.anonymous, this.adminToken);
		this.sse = new SseClient(this.port);
	}

}
