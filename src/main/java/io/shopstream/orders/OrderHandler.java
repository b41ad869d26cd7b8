package io.shopstream.orders;

import java.util.Set;

import io.shopstream.platform.limits.Admission;
import io.shopstream.platform.limits.Work;
import io.shopstream.platform.security.Callers;
import io.shopstream.platform.web.Ids;
import io.shopstream.platform.web.QueryParams;
import io.shopstream.platform.web.RequestBodies;
import io.shopstream.platform.web.Responses;
import io.shopstream.platform.web.paging.ListResponses;
import io.shopstream.platform.web.paging.PageRequest;
import org.bson.types.ObjectId;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** HTTP for {@code /api/v1/orders} and {@code /api/v1/users/{id}/orders}. */
@Component
class OrderHandler {

	private final OrderService orders;

	private final CustomerOrders customers;

	private final RequestBodies bodies;

	private final Admission admission;

	OrderHandler(OrderService orders, CustomerOrders customers, RequestBodies bodies, Admission admission) {
		this.orders = orders;
		this.customers = customers;
		this.bodies = bodies;
		this.admission = admission;
	}

	Mono<ServerResponse> place(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		return Callers.of(request)
			.flatMap((caller) -> this.bodies.read(request, NewOrder.class)
				.flatMap((order) -> this.orders.place(caller, order)))
			.flatMap((order) -> Responses.created("/api/v1/orders/" + order.id(), order));
	}

	Mono<ServerResponse> list(ServerRequest request) {
		OrderFilter filter = OrderFilter.from(request, Set.of("limit", "after"));
		PageRequest page = PageRequest.from(request);
		return Callers.of(request)
			.flatMap((caller) -> this.orders.list(caller, filter, page))
			.flatMap((orders) -> ListResponses.write(request, orders, Order.class));
	}

	Mono<ServerResponse> get(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		ObjectId id = Ids.parse("id", request.pathVariable("id"));
		return Callers.of(request).flatMap((caller) -> this.orders.get(caller, id)).flatMap(Responses::ok);
	}

	Mono<ServerResponse> changeStatus(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		ObjectId id = Ids.parse("id", request.pathVariable("id"));
		return Callers.of(request)
			.flatMap((caller) -> this.bodies.read(request, StatusRequest.class)
				.flatMap((change) -> this.orders.transition(caller, id, change)))
			.flatMap(Responses::ok);
	}

	Mono<ServerResponse> export(ServerRequest request) {
		OrderFilter filter = OrderFilter.from(request, Set.of());
		this.admission.admit(request.exchange(), Work.EXPORT);
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_NDJSON)
			.body(this.orders.export(filter), Order.class);
	}

	Mono<ServerResponse> ofUser(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		ObjectId userId = Ids.parse("id", request.pathVariable("id"));
		return Callers.of(request).flatMap((caller) -> this.customers.of(caller, userId)).flatMap(Responses::ok);
	}

}
