package io.shopstream.support;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The tests' HTTP client opens a connection per request instead of reusing kept-alive
 * ones. Now and then a test request waited, unanswered, until its response timeout; each
 * time it followed, on the same pooled connection, a request refused with a body (401 or
 * 403 before the body was read), and a request that timed out left its late answer to be
 * read by the next one. With a connection per request the hostile-input properties, which
 * hung in most runs with the pool, never did. The server is not the suspect: 2 100
 * refused POSTs, each followed by a GET on the same kept-alive socket, written by hand
 * with the body sent at once or late, were all answered in order. The assertions are
 * about answers, not connection reuse.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FreshConnections {

	@Bean
	WebTestClientBuilderCustomizer connectionPerRequest() {
		return (builder) -> builder.clientConnector(connector());
	}

	/** A connector that sends {@code Connection: close} and never pools. */
	public static ReactorClientHttpConnector connector() {
		return new ReactorClientHttpConnector(HttpClient.create().keepAlive(false));
	}

	/**
	 * The same client over kept-alive connections of its own, for bodies over the size
	 * limit: those are answered 413 before they are read, and on a connection the client
	 * asked to close, the server closes it while the client is still sending, so the
	 * client never reads the answer. Its own pool keeps whatever it leaves behind away
	 * from other requests.
	 */
	public static WebTestClient keptAlive(WebTestClient client) {
		return client.mutate()
			.clientConnector(
					new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.create("over-limit", 2))))
			.build();
	}

}
