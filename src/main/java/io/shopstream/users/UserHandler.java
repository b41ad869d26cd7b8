package io.shopstream.users;

import java.net.URI;
import java.util.Set;

import io.shopstream.platform.web.Ids;
import io.shopstream.platform.web.QueryParams;
import io.shopstream.platform.web.RequestBodies;
import io.shopstream.platform.web.paging.ListResponses;
import io.shopstream.platform.web.paging.PageRequest;
import io.shopstream.users.UserService.UserFilter;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** HTTP for {@code /api/v1/users}: parses and checks the request, lets the service do the rest. */
@Component
class UserHandler {

	private static final Set<String> LIST_PARAMETERS = Set.of("status", "role", "limit", "after");

	private final UserService users;

	private final RequestBodies bodies;

	UserHandler(UserService users, RequestBodies bodies) {
		this.users = users;
		this.bodies = bodies;
	}

	Mono<ServerResponse> create(ServerRequest request) {
		return this.bodies.read(request, NewUser.class)
			.flatMap(this.users::create)
			.flatMap((user) -> ServerResponse.created(URI.create("/api/v1/users/" + user.id()))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(user));
	}

	Mono<ServerResponse> list(ServerRequest request) {
		QueryParams.allowOnly(request, LIST_PARAMETERS);
		UserFilter filter = new UserFilter(QueryParams.enumValue(request, "status", UserStatus.class),
				QueryParams.enumValue(request, "role", Role.class));
		PageRequest page = PageRequest.from(request);
		return this.users.list(filter, page).flatMap((users) -> ListResponses.write(request, users, UserView.class));
	}

	Mono<ServerResponse> get(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		return this.users.get(Ids.parse("id", request.pathVariable("id"))).flatMap(UserHandler::ok);
	}

	Mono<ServerResponse> update(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		var id = Ids.parse("id", request.pathVariable("id"));
		return this.bodies.read(request, UserChanges.class)
			.flatMap((changes) -> this.users.update(id, changes))
			.flatMap(UserHandler::ok);
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		return this.users.delete(Ids.parse("id", request.pathVariable("id")))
			.then(ServerResponse.noContent().build());
	}

	private static Mono<ServerResponse> ok(UserView user) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(user);
	}

}
