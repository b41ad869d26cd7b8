package io.shopstream.inventory;

import java.util.Set;
import java.util.regex.Pattern;

import io.shopstream.platform.web.InvalidRequestException;
import io.shopstream.platform.web.QueryParams;
import io.shopstream.platform.web.RequestBodies;
import io.shopstream.platform.web.Responses;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** HTTP for {@code /api/v1/inventory/{sku}}. Reading is public; writes are for admins. */
@Component
class InventoryHandler {

	static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private final InventoryService inventory;

	private final RequestBodies bodies;

	InventoryHandler(InventoryService inventory, RequestBodies bodies) {
		this.inventory = inventory;
		this.bodies = bodies;
	}

	Mono<ServerResponse> get(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		return this.inventory.get(sku(request)).flatMap(Responses::ok);
	}

	Mono<ServerResponse> set(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		String sku = sku(request);
		return this.bodies.read(request, StockLevel.class)
			.flatMap((level) -> this.inventory.setLevel(sku, level))
			.flatMap(Responses::ok);
	}

	Mono<ServerResponse> adjust(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		String sku = sku(request);
		return this.bodies.read(request, StockAdjustment.class)
			.flatMap((adjustment) -> this.inventory.adjust(sku, adjustment.delta()))
			.flatMap(Responses::ok);
	}

	private static String sku(ServerRequest request) {
		String sku = request.pathVariable("sku");
		if (!SKU.matcher(sku).matches()) {
			throw InvalidRequestException.forField("sku", "must be 1 to 64 letters, digits, '.', '_' or '-'");
		}
		return sku;
	}

}
