package io.shopstream.users;

import java.net.InetSocketAddress;
import java.util.Set;

import io.shopstream.platform.security.Caller;
import io.shopstream.platform.security.Callers;
import io.shopstream.platform.web.Ids;
import io.shopstream.platform.web.NotFoundException;
import io.shopstream.platform.web.QueryParams;
import io.shopstream.platform.web.RequestBodies;
import io.shopstream.platform.web.Responses;
import io.shopstream.platform.web.paging.ListResponses;
import io.shopstream.platform.web.paging.PageRequest;
import io.shopstream.users.UserService.UserFilter;
import org.bson.types.ObjectId;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * HTTP for {@code /api/v1/users}: parses and checks the request, decides who may see
 * which user, and lets the service do the rest. Listing and creating users are admin-only
 * by {@link UserAccessRules}.
 */
@Component
class UserHandler {

	private static final Set<String> LIST_PARAMETERS = Set.of("status", "role", "limit", "after");

	private final UserService users;

	private final AccountChanges changes;

	private final RequestBodies bodies;

	UserHandler(UserService users, AccountChanges changes, RequestBodies bodies) {
		this.users = users;
		this.changes = changes;
		this.bodies = bodies;
	}

	Mono<ServerResponse> create(ServerRequest request) {
		return this.bodies.read(request, NewUser.class)
			.flatMap(this.users::create)
			.flatMap((user) -> Responses.created("/api/v1/users/" + user.id(), user));
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
		ObjectId id = Ids.parse("id", request.pathVariable("id"));
		return ownOrAdmin(request, id).flatMap((caller) -> this.users.get(id)).flatMap(Responses::ok);
	}

	Mono<ServerResponse> update(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		ObjectId id = Ids.parse("id", request.pathVariable("id"));
		return ownOrAdmin(request, id)
			.flatMap((caller) -> this.bodies.read(request, UserChanges.class).flatMap((changes) -> {
				if (!caller.isAdmin() && (changes.role() != null || changes.status() != null)) {
					return Mono.error(new AccessDeniedException("role and status are for admins to change"));
				}
				return this.changes.apply(caller, id, changes, bearerToken(request), clientAddress(request));
			}))
			.flatMap(Responses::ok);
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		ObjectId id = Ids.parse("id", request.pathVariable("id"));
		return ownOrAdmin(request, id).flatMap((caller) -> this.users.delete(id))
			.then(ServerResponse.noContent().build());
	}

	/**
	 * The caller when it is this user or an admin. Anyone else gets the same 404 as for
	 * an id that does not exist, so ids cannot be probed.
	 */
	private Mono<Caller> ownOrAdmin(ServerRequest request, ObjectId id) {
		return Callers.of(request)
			.filter((caller) -> caller.mayActFor(id.toHexString()))
			.switchIfEmpty(Mono.error(() -> new NotFoundException("No user with id " + id.toHexString())));
	}

	/**
	 * The bearer token the request was authenticated with. A request that changes
	 * something authenticates only by this header (the session cookie counts for GET and
	 * HEAD alone).
	 */
	private static String bearerToken(ServerRequest request) {
		String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
		return (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) ? header.substring(7).trim() : "";
	}

	/**
	 * Where the request comes from, as the login throttle sees it (behind a trusted
	 * proxy: the client).
	 */
	private static String clientAddress(ServerRequest request) {
		return request.remoteAddress().map(InetSocketAddress::getHostString).orElse("unknown");
	}

}
