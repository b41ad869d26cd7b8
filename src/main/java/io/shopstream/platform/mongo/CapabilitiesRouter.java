package io.shopstream.platform.mongo;

import java.util.Map;
import java.util.Set;

import io.shopstream.platform.web.Negotiation;
import io.shopstream.platform.web.QueryParams;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** {@code GET /api/v1/capabilities}: what the connected back-end can do. */
@Configuration(proxyBeanMethods = false)
class CapabilitiesRouter {

	@Bean
	RouterFunction<ServerResponse> capabilityRoutes(Capabilities capabilities) {
		Map<String, Object> body = capabilities.describe();
		return route().GET("/api/v1/capabilities", (request) -> {
			QueryParams.allowOnly(request, Set.of());
			return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
		}).filter(Negotiation.JSON).build();
	}

}
