package io.shopstream.analytics;

import java.time.Instant;
import java.util.regex.Pattern;

import io.shopstream.platform.web.InvalidRequestException;
import io.shopstream.platform.web.QueryParams;

import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Report parameters shared by the endpoints: the time range ({@code from} inclusive,
 * {@code to} exclusive) and currency.
 */
final class ReportRange {

	private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

	private ReportRange() {
	}

	static Instant instant(ServerRequest request, String name, Instant fallback) {
		return QueryParams.instant(request, name).orElse(fallback);
	}

	static String currency(ServerRequest request) {
		String currency = request.queryParam("currency").orElse("USD");
		if (!CURRENCY.matcher(currency).matches()) {
			throw InvalidRequestException.forField("currency", "must be an ISO 4217 code such as USD");
		}
		return currency;
	}

	static int limit(ServerRequest request, int fallback, int max) {
		return QueryParams.wholeNumber(request, "limit", 1, max).orElse(fallback);
	}

}
