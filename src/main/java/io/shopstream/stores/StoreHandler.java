package io.shopstream.stores;

import java.util.Set;

import io.shopstream.platform.web.Ids;
import io.shopstream.platform.web.InvalidRequestException;
import io.shopstream.platform.web.QueryParams;
import io.shopstream.platform.web.RequestBodies;
import io.shopstream.platform.web.Responses;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** HTTP for {@code /api/v1/stores}. */
@Component
class StoreHandler {

	private final StoreService stores;

	private final RequestBodies bodies;

	StoreHandler(StoreService stores, RequestBodies bodies) {
		this.stores = stores;
		this.bodies = bodies;
	}

	Mono<ServerResponse> list(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(this.stores.list(), Store.class);
	}

	Mono<ServerResponse> get(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		return this.stores.get(Ids.parse("id", request.pathVariable("id"))).flatMap(Responses::ok);
	}

	Mono<ServerResponse> create(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		return this.bodies.read(request, NewStore.class)
			.flatMap(this.stores::create)
			.flatMap((store) -> Responses.created("/api/v1/stores/" + store.id(), store));
	}

	Mono<ServerResponse> near(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of("lng", "lat", "max_m", "min_m"));
		double longitude = number(request, "lng", -180, 180, null);
		double latitude = number(request, "lat", -90, 90, null);
		double maxMeters = number(request, "max_m", 0, 20_000_000, 5000.0);
		double minMeters = number(request, "min_m", 0, maxMeters, 0.0);
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.stores.near(longitude, latitude, minMeters, maxMeters), StoreService.NearbyStore.class);
	}

	private static double number(ServerRequest request, String name, double min, double max, Double fallback) {
		String value = request.queryParam(name).orElse(null);
		if (value == null) {
			if (fallback == null) {
				throw InvalidRequestException.forField(name, "is required");
			}
			return fallback;
		}
		try {
			double number = Double.parseDouble(value);
			if (number >= min && number <= max && Double.isFinite(number)) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw InvalidRequestException.forField(name, "must be a number from " + min + " to " + max);
	}

}
