package io.shopstream.platform.web;

import io.shopstream.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.actuate.endpoint.web.WebFluxEndpointHandlerMapping;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's routes are the first handler mapping WebFlux asks, ahead of the actuator's,
 * and both still answer what they answered.
 */
@EmbeddedApiTest
class RoutesFirstTests {

	@Autowired
	private DispatcherHandler dispatcher;

	@Autowired
	private WebTestClient client;

	@Test
	void the_routes_are_asked_before_the_actuator_endpoints_which_still_answer() {
		assertThat(this.dispatcher.getHandlerMappings()).first().isInstanceOf(RouterFunctionMapping.class);
		assertThat(this.dispatcher.getHandlerMappings()).anyMatch(WebFluxEndpointHandlerMapping.class::isInstance);

		this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		this.client.get().uri("/api/v1/products?limit=1").exchange().expectStatus().isOk();
	}

}
