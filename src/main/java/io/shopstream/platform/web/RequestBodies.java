package io.shopstream.platform.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/**
 * Reads a JSON request body into a typed record: well-formed JSON, no operator keys,
 * bounded depth, no unknown properties, right types, then Bean Validation. Every failure
 * is a 400 that lists the fields at fault, in snake_case as the client wrote them.
 */
@Component
public class RequestBodies {

	private static final List<MediaType> JSON_TYPES = List.of(MediaType.APPLICATION_JSON,
			MediaType.valueOf("application/merge-patch+json"));

	private final JsonMapper json;

	private final Validator validator;

	private final JsonInputGuard guard;

	public RequestBodies(JsonMapper json, Validator validator, WebProperties properties) {
		this.json = json;
		this.validator = validator;
		this.guard = new JsonInputGuard(properties.maxJsonDepth());
		warmUp(validator);
	}

	/**
	 * The validator loads its message bundles from the class path on the first violation;
	 * do that now, at start-up, rather than as a file read on an event-loop thread.
	 */
	private static void warmUp(Validator validator) {
		validator.validate(new WarmUp(null, ""));
	}

	public <T> Mono<T> read(ServerRequest request, Class<T> type) {
		MediaType contentType = request.headers().contentType().orElse(null);
		if (contentType == null || JSON_TYPES.stream().noneMatch((json) -> json.isCompatibleWith(contentType))) {
			return Mono.error(new UnsupportedMediaTypeStatusException(contentType, JSON_TYPES));
		}
		return request.bodyToMono(JsonNode.class)
			.onErrorMap(ServerWebInputException.class, RequestBodies::unreadable)
			.onErrorMap(DecodingException.class, RequestBodies::unreadable)
			.switchIfEmpty(Mono.error(() -> InvalidRequestException.of("The request body is required", List.of())))
			.map((node) -> bind(node, type));
	}

	/** Checks, binds and validates an already parsed JSON value. */
	public <T> T bind(JsonNode node, Class<T> type) {
		if (!node.isObject()) {
			throw InvalidRequestException.of("The request body must be a JSON object", List.of());
		}
		List<FieldProblem> unsafe = this.guard.check(node);
		if (!unsafe.isEmpty()) {
			throw InvalidRequestException.of("The request body has keys or nesting Shopstream does not accept", unsafe);
		}
		T value;
		try {
			value = this.json.treeToValue(node, type);
		}
		catch (JacksonException ex) {
			throw InvalidRequestException.of("The request body does not match the expected shape",
					List.of(describe(ex)));
		}
		validate(value);
		return value;
	}

	/** Bean Validation of a bound value, every violation listed. */
	public <T> void validate(T value) {
		Set<ConstraintViolation<T>> violations = this.validator.validate(value);
		if (!violations.isEmpty()) {
			List<FieldProblem> problems = new ArrayList<>();
			for (ConstraintViolation<T> violation : violations) {
				problems
					.add(new FieldProblem(snakeCase(violation.getPropertyPath().toString()), violation.getMessage()));
			}
			problems.sort(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message));
			throw InvalidRequestException.of("The request has invalid fields", problems);
		}
	}

	private static Throwable unreadable(Throwable ex) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		if (cause instanceof DataBufferLimitException) {
			return cause;
		}
		return InvalidRequestException.of("The request body is not well-formed JSON", List.of());
	}

	private static FieldProblem describe(JacksonException ex) {
		String path = path(ex);
		if (ex instanceof UnrecognizedPropertyException) {
			return new FieldProblem(path, "is not a known property");
		}
		if (ex instanceof InvalidFormatException invalid) {
			return new FieldProblem(path, "has an invalid value for " + typeName(invalid.getTargetType()));
		}
		if (ex instanceof MismatchedInputException mismatched) {
			return new FieldProblem(path, "must be " + typeName(mismatched.getTargetType()));
		}
		return new FieldProblem(path, "has an invalid value");
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "$" : path.toString();
	}

	private static String typeName(Class<?> type) {
		if (type == null) {
			return "a value of another type";
		}
		if (type.isEnum()) {
			List<String> names = new ArrayList<>();
			for (Object constant : type.getEnumConstants()) {
				names.add(constant.toString());
			}
			return "one of " + names;
		}
		if (type == String.class) {
			return "a string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
			return "a number";
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return "an array";
		}
		return "an object";
	}

	/**
	 * A Bean Validation path ({@code profile.avatarUrl}) as the client wrote it
	 * ({@code profile.avatar_url}).
	 */
	private static String snakeCase(String propertyPath) {
		return propertyPath.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}

	private record WarmUp(@NotNull String required, @Size(min = 1) String sized) {
	}

}
