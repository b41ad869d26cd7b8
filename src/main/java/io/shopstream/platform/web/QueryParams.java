package io.shopstream.platform.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Whitelisted query parameters. A parameter a route does not know is a 400, so
 * look-alikes such as {@code ?status[$ne]=x} never pass silently.
 */
public final class QueryParams {

	/** The earliest instant a query may name: the start of year 1. */
	public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	/** The latest instant a query may name: the end of year 9999. */
	public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

	private QueryParams() {
	}

	/**
	 * Fails with 400 naming every parameter outside {@code allowed}, or given more than
	 * once.
	 */
	public static void allowOnly(ServerRequest request, Set<String> allowed) {
		List<FieldProblem> problems = new ArrayList<>();
		request.queryParams().forEach((name, values) -> {
			if (!allowed.contains(name)) {
				problems.add(new FieldProblem(printable(name), "is not a known query parameter"));
			}
			else if (values.size() > 1) {
				problems.add(new FieldProblem(name, "must be given once"));
			}
		});
		if (!problems.isEmpty()) {
			throw InvalidRequestException.of("The request has query parameters Shopstream does not accept", problems);
		}
	}

	/** An optional parameter that must name one of the enum's constants. */
	public static <E extends Enum<E>> Optional<E> enumValue(ServerRequest request, String name, Class<E> type) {
		return request.queryParam(name)
			.map((value) -> Arrays.stream(type.getEnumConstants())
				.filter((constant) -> constant.name().equals(value))
				.findFirst()
				.orElseThrow(() -> InvalidRequestException.forField(name,
						"must be one of " + Arrays.toString(type.getEnumConstants()))));
	}

	/**
	 * An optional ISO-8601 instant parameter, such as {@code 2026-11-25T00:00:00Z},
	 * between the years 1 and 9999: Java parses instants a billion years away, which no
	 * MongoDB date or report can hold.
	 */
	public static Optional<Instant> instant(ServerRequest request, String name) {
		return request.queryParam(name).map((value) -> {
			Instant instant;
			try {
				instant = Instant.parse(value);
			}
			catch (DateTimeParseException ex) {
				throw InvalidRequestException.forField(name,
						"must be an ISO-8601 instant such as 2026-11-25T00:00:00Z");
			}
			if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
				throw InvalidRequestException.forField(name, "must be between " + EARLIEST + " and " + LATEST);
			}
			return instant;
		});
	}

	/** An optional whole-number parameter within [min, max]. */
	public static Optional<Integer> wholeNumber(ServerRequest request, String name, int min, int max) {
		return request.queryParam(name).map((value) -> {
			try {
				int number = Integer.parseInt(value);
				if (number >= min && number <= max) {
					return number;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			throw InvalidRequestException.forField(name, "must be a whole number from " + min + " to " + max);
		});
	}

	private static String printable(String name) {
		String clean = name.replaceAll("\\p{Cntrl}", "?");
		return (clean.length() > 100) ? clean.substring(0, 100) + "…" : clean;
	}

}
