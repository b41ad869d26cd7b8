package io.shopstream.analytics;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import io.shopstream.platform.web.InvalidRequestException;

import org.springframework.web.reactive.function.server.ServerRequest;

/** Report parameters shared by the endpoints: the time range ({@code from} inclusive, {@code to} exclusive) and currency. */
final class ReportRange {

	private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

	private ReportRange() {
	}

	static Instant instant(ServerRequest request, String name, Instant fallback) {
		return request.queryParam(name).map((value) -> {
			try {
				return Instant.parse(value);
			}
			catch (DateTimeParseException ex) {
				throw new InvalidRequestException(name, "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
			}
		}).orElse(fallback);
	}

	static String currency(ServerRequest request) {
		String currency = request.queryParam("currency").orElse("USD");
		if (!CURRENCY.matcher(currency).matches()) {
			throw new InvalidRequestException("currency", "must be an ISO 4217 code such as USD");
		}
		return currency;
	}

	static int limit(ServerRequest request, int fallback, int max) {
		return request.queryParam("limit").map((value) -> {
			try {
				int limit = Integer.parseInt(value);
				if (limit >= 1 && limit <= max) {
					return limit;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			throw new InvalidRequestException("limit", "must be a whole number from 1 to " + max);
		}).orElse(fallback);
	}

}
