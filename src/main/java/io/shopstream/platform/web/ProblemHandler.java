package io.shopstream.platform.web;

import java.time.Duration;
import java.util.List;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import io.shopstream.platform.mongo.MissingCapabilityException;
import io.shopstream.platform.mongo.schema.DuplicateKeyFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/**
 * The one place that turns every failure into an RFC 9457 problem document. Details are
 * written here for the client; exception messages never leave the service. Anything not
 * recognised is a bug: 500, logged with the correlation id the client is given.
 */
@Component
@Order(-2)
public class ProblemHandler implements ErrorWebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	private final JsonMapper json;

	private final DuplicateKeyFields duplicateKeys;

	public ProblemHandler(JsonMapper json, DuplicateKeyFields duplicateKeys) {
		this.json = json;
		this.duplicateKeys = duplicateKeys;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		String correlationId = CorrelationId.of(exchange);
		Problem problem = toProblem(ex).at(exchange.getRequest().getPath().value(), correlationId);
		if (problem.status() >= 500 && problem.status() != 501 && problem.status() != 503) {
			log.error("Request {} {} failed [correlation id {}]", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath().value(), correlationId, ex);
		}
		response.setStatusCode(HttpStatus.valueOf(problem.status()));
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getHeaders().set(CorrelationId.HEADER, correlationId);
		if (ex instanceof MethodNotAllowedException notAllowed) {
			response.getHeaders().setAllow(notAllowed.getSupportedMethods());
		}
		if (problem.status() == 401) {
			response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		if (ex instanceof TooManyRequestsException limited) {
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, seconds(limited.retryAfter()));
		}
		if (ex instanceof ServiceUnavailableException unavailable) {
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, seconds(unavailable.retryAfter()));
		}
		DataBuffer body = response.bufferFactory().wrap(this.json.writeValueAsBytes(problem));
		return response.writeWith(Mono.just(body));
	}

	Problem toProblem(Throwable ex) {
		if (ex instanceof InvalidRequestException invalid) {
			return Problem.of("invalid-request", "Invalid request", 400, invalid.getMessage())
				.withErrors(invalid.problems());
		}
		if (ex instanceof AuthenticationException) {
			return Problem.of("unauthorized", "Unauthorized", 401,
					"This request needs a valid bearer token or session");
		}
		if (ex instanceof AccessDeniedException) {
			return Problem.of("forbidden", "Forbidden", 403, "Your role does not allow this request");
		}
		if (ex instanceof TooManyRequestsException limited) {
			return Problem.of("too-many-requests", "Too many requests", 429, limited.getMessage());
		}
		if (ex instanceof ServiceUnavailableException unavailable) {
			return Problem.of("service-unavailable", "Service unavailable", 503, unavailable.getMessage());
		}
		if (ex instanceof NotFoundException notFound) {
			return Problem.of("not-found", "Not found", 404, notFound.getMessage());
		}
		if (ex instanceof ConflictException conflict) {
			return Problem.of("conflict", "Conflict", 409, conflict.getMessage()).withField(conflict.field());
		}
		if (isDuplicateKey(ex)) {
			return duplicateKey(ex);
		}
		if (ex instanceof PayloadTooLargeException tooLarge) {
			return Problem.of("payload-too-large", "Payload too large", 413, tooLarge.getMessage());
		}
		if (ex instanceof DataBufferLimitException || ex.getCause() instanceof DataBufferLimitException) {
			return Problem.of("payload-too-large", "Payload too large", 413,
					"The request body is larger than the configured limit");
		}
		if (ex instanceof MissingCapabilityException missing) {
			return Problem.of("missing-capability", "Not implemented by this back-end", 501, missing.getMessage())
				.withCapability(missing.capability().key(), missing.capability().remedy());
		}
		if (ex instanceof UnsupportedMediaTypeStatusException unsupported) {
			return Problem.of("unsupported-media-type", "Unsupported media type", 415,
					"Content-Type must be one of " + unsupported.getSupportedMediaTypes());
		}
		if (ex instanceof NotAcceptableStatusException) {
			return Problem.of("not-acceptable", "Not acceptable", 406,
					"This resource is available as application/json (lists also as application/x-ndjson)");
		}
		if (ex instanceof MethodNotAllowedException notAllowed) {
			return Problem.of("method-not-allowed", "Method not allowed", 405,
					notAllowed.getHttpMethod() + " is not allowed here");
		}
		if (ex instanceof ServerWebInputException input) {
			return input(input);
		}
		if (ex instanceof DecodingException) {
			return malformedBody();
		}
		if (ex instanceof ResponseStatusException status) {
			int code = status.getStatusCode().value();
			if (code == 404) {
				return Problem.of("not-found", "Not found", 404, "No resource at this path");
			}
			HttpStatus known = HttpStatus.resolve(code);
			String title = known != null ? known.getReasonPhrase() : "Error";
			return Problem.of(title.toLowerCase().replace(' ', '-'), title, code, title);
		}
		return Problem.of("internal-error", "Internal error", 500,
				"Shopstream failed to handle this request; quote the correlation id when reporting it");
	}

	/** Retry-After in whole seconds, never 0: a client told 0 would retry at once. */
	private static String seconds(Duration wait) {
		return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
	}

	private Problem input(ServerWebInputException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof DataBufferLimitException) {
			return Problem.of("payload-too-large", "Payload too large", 413,
					"The request body is larger than the configured limit");
		}
		if (cause instanceof DecodingException || ex.getMessage().contains("body")) {
			return malformedBody();
		}
		return Problem.of("invalid-request", "Invalid request", 400, "The request is invalid");
	}

	private static Problem malformedBody() {
		return Problem.of("invalid-request", "Invalid request", 400, "The request body is not well-formed JSON");
	}

	private static boolean isDuplicateKey(Throwable ex) {
		return ex instanceof DuplicateKeyException || (ex instanceof MongoWriteException write
				&& write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY);
	}

	private Problem duplicateKey(Throwable ex) {
		List<String> fields = this.duplicateKeys.fieldsFor(ex.getMessage()).orElse(List.of());
		if (fields.isEmpty()) {
			return Problem.of("conflict", "Conflict", 409, "A resource with the same unique value already exists");
		}
		String field = String.join(", ", fields);
		return Problem.of("conflict", "Conflict", 409, "Another resource already has this " + field)
			.withField(field);
	}

}
