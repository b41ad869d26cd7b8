package io.shopstream.platform.security;

import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.reactive.function.server.ServerRequest;

/** The {@link Caller} of a request, for handlers that decide by who is asking. */
public final class Callers {

	private Callers() {
	}

	/** The caller; a 401 when the request is anonymous. */
	public static Mono<Caller> of(ServerRequest request) {
		return optional(request).flatMap((caller) -> caller.map(Mono::just)
			.orElseGet(() -> Mono.error(new AuthenticationCredentialsNotFoundException("anonymous"))));
	}

	/** The caller, or empty for an anonymous request. */
	public static Mono<Optional<Caller>> optional(ServerRequest request) {
		return request.principal()
			.filter(CallerAuthentication.class::isInstance)
			.map((principal) -> Optional.of(((CallerAuthentication) principal).getPrincipal()))
			.defaultIfEmpty(Optional.empty());
	}

}
