package io.shopstream.auth;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import io.shopstream.auth.SessionService.OpenedSession;
import io.shopstream.platform.security.Callers;
import io.shopstream.platform.security.SecurityProperties;
import io.shopstream.platform.web.QueryParams;
import io.shopstream.platform.web.RequestBodies;
import io.shopstream.platform.web.Responses;
import io.shopstream.users.NewUser;
import io.shopstream.users.UserService;
import org.bson.types.ObjectId;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/** HTTP for {@code /api/v1/auth}. */
@Component
class AuthHandler {

	private final AuthService auth;

	private final UserService users;

	private final RequestBodies bodies;

	private final SecurityProperties properties;

	private final Clock clock;

	AuthHandler(AuthService auth, UserService users, RequestBodies bodies, SecurityProperties properties, Clock clock) {
		this.auth = auth;
		this.users = users;
		this.bodies = bodies;
		this.properties = properties;
		this.clock = clock;
	}

	Mono<ServerResponse> register(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		return this.bodies.read(request, NewUser.class)
			.flatMap(this.auth::register)
			.flatMap((user) -> Responses.created("/api/v1/users/" + user.id(), user));
	}

	Mono<ServerResponse> login(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		return this.bodies.read(request, Credentials.class)
			.flatMap((credentials) -> this.auth.login(credentials, clientAddress(request)))
			.flatMap(this::loggedIn);
	}

	Mono<ServerResponse> logout(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
		String token = header.substring("Bearer ".length()).trim();
		return this.auth.logout(token)
			.then(ServerResponse.noContent().cookie(sessionCookie("", Duration.ZERO)).build());
	}

	Mono<ServerResponse> me(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		return Callers.of(request)
			.flatMap((caller) -> this.users.get(new ObjectId(caller.userId())))
			.flatMap(Responses::ok);
	}

	private Mono<ServerResponse> loggedIn(OpenedSession session) {
		Duration lifetime = Duration.between(this.clock.instant(), session.expiresAt());
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.cookie(sessionCookie(session.token(), lifetime))
			.bodyValue(new LoginResult(session.token(), "Bearer", session.expiresAt()));
	}

	private ResponseCookie sessionCookie(String value, Duration maxAge) {
		return ResponseCookie.from(this.properties.cookieName(), value)
			.httpOnly(true)
			.secure(this.properties.cookieSecure())
			.sameSite("Lax")
			.path("/")
			.maxAge(maxAge)
			.build();
	}

	/**
	 * The address the connection comes from. Behind a trusted proxy, set
	 * {@code server.forward-headers-strategy=framework} so this is the client's, not the
	 * proxy's.
	 */
	private static String clientAddress(ServerRequest request) {
		return request.remoteAddress().map(InetSocketAddress::getHostString).orElse("unknown");
	}

}
