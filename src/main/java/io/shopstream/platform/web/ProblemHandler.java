package io.shopstream.platform.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
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
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * The one place that turns every failure into an RFC 9457 problem document. Any Spring
 * {@link ErrorResponse} (Shopstream's own exceptions and Spring's) is rendered from its
 * status, problem detail and headers; the few cases below are failures Spring gives no
 * status of its own: duplicate keys, codec buffer limits and undecodable bodies, and
 * Spring Security's exceptions. Anything else is a bug: 500, logged with the correlation
 * id the client is given.
 */
@Component
@Order(-2)
public class ProblemHandler implements ErrorWebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	/**
	 * Shopstream's kind and title for the statuses Spring's own exceptions answer with.
	 */
	private static final Map<Integer, Kind> SPRING_STATUSES = Map.ofEntries(
			Map.entry(400, new Kind("invalid-request", "Invalid request")),
			Map.entry(401, new Kind("unauthorized", "Unauthorized")),
			Map.entry(403, new Kind("forbidden", "Forbidden")), Map.entry(404, new Kind("not-found", "Not found")),
			Map.entry(405, new Kind("method-not-allowed", "Method not allowed")),
			Map.entry(406, new Kind("not-acceptable", "Not acceptable")),
			Map.entry(409, new Kind("conflict", "Conflict")),
			Map.entry(413, new Kind("payload-too-large", "Payload too large")),
			Map.entry(415, new Kind("unsupported-media-type", "Unsupported media type")),
			Map.entry(429, new Kind("too-many-requests", "Too many requests")),
			Map.entry(503, new Kind("service-unavailable", "Service unavailable")));

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
		response.setStatusCode(HttpStatusCode.valueOf(problem.status()));
		if (ex instanceof ErrorResponse errorResponse) {
			response.getHeaders().putAll(errorResponse.getHeaders());
		}
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getHeaders().set(CorrelationId.HEADER, correlationId);
		if (problem.status() == 401) {
			response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		DataBuffer body = response.bufferFactory().wrap(this.json.writeValueAsBytes(problem));
		return response.writeWith(Mono.just(body));
	}

	Problem toProblem(Throwable ex) {
		if (causedBy(ex, DataBufferLimitException.class)) {
			return Problem.of("payload-too-large", "Payload too large", 413,
					"The request body is larger than the configured limit");
		}
		if (ex instanceof DecodingException
				|| (ex instanceof ServerWebInputException && causedBy(ex, DecodingException.class))) {
			return Problem.of("invalid-request", "Invalid request", 400, "The request body is not well-formed JSON");
		}
		if (isDuplicateKey(ex)) {
			return duplicateKey(ex);
		}
		if (ex instanceof AuthenticationException) {
			return Problem.of("unauthorized", "Unauthorized", 401,
					"This request needs a valid bearer token or session");
		}
		if (ex instanceof AccessDeniedException) {
			return Problem.of("forbidden", "Forbidden", 403, "Your role does not allow this request");
		}
		if (ex instanceof ErrorResponse errorResponse) {
			return fromErrorResponse(errorResponse);
		}
		return Problem.of("internal-error", "Internal error", 500,
				"Shopstream failed to handle this request; quote the correlation id when reporting it");
	}

	/**
	 * Status, type, title, detail and the properties Shopstream's problems define, from
	 * the exception's own problem detail; Spring's untyped ({@code about:blank}) problems
	 * get Shopstream's kind and title for their status. Any status code works, known or
	 * not.
	 */
	private static Problem fromErrorResponse(ErrorResponse errorResponse) {
		int status = errorResponse.getStatusCode().value();
		ProblemDetail body = errorResponse.getBody();
		String type = (body.getType() != null) ? body.getType().toString() : "about:blank";
		String title = body.getTitle();
		if (!type.startsWith(Problem.TYPE_BASE)) {
			Kind kind = SPRING_STATUSES.getOrDefault(status, Kind.of(HttpStatus.resolve(status)));
			title = kind.title();
			type = Problem.TYPE_BASE + kind.name();
		}
		String detail = (body.getDetail() != null) ? body.getDetail() : title;
		Problem problem = new Problem(type, title, status, detail, null, null, null, null, null, null);
		Map<String, Object> properties = (body.getProperties() != null) ? body.getProperties() : Map.of();
		if (properties.get("errors") instanceof List<?> errors) {
			problem = problem.withErrors(
					errors.stream().filter(FieldProblem.class::isInstance).map(FieldProblem.class::cast).toList());
		}
		if (properties.get("field") instanceof String field) {
			problem = problem.withField(field);
		}
		if (properties.get("capability") instanceof String capability) {
			problem = problem.withCapability(capability,
					(properties.get("remedy") instanceof String remedy) ? remedy : null);
		}
		return problem;
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
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
		return Problem.of("conflict", "Conflict", 409, "Another resource already has this " + field).withField(field);
	}

	/** A kind of problem: the last segment of its type URI, and its title. */
	private record Kind(String name, String title) {

		/**
		 * A standard status by its reason phrase; a status HTTP does not name is an
		 * "Error".
		 */
		static Kind of(HttpStatus status) {
			String reason = (status != null) ? status.getReasonPhrase() : "Error";
			return new Kind(reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"), reason);
		}

	}

}
