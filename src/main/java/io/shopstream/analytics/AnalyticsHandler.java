package io.shopstream.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import io.shopstream.analytics.CustomerReport.ChurnRisk;
import io.shopstream.analytics.CustomerReport.CustomerValue;
import io.shopstream.analytics.CustomerReport.Segment;
import io.shopstream.platform.limits.Admission;
import io.shopstream.platform.limits.Work;
import io.shopstream.platform.web.InvalidRequestException;
import io.shopstream.platform.web.QueryParams;
import io.shopstream.platform.web.Responses;
import io.shopstream.platform.web.WebProperties;
import io.shopstream.platform.web.paging.ListResponses;
import io.shopstream.platform.web.paging.PageRequest;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/**
 * HTTP for {@code /api/v1/analytics} and {@code /api/v1/admin}: admins only, by
 * {@link AnalyticsRouter}.
 */
@Component
class AnalyticsHandler {

	/** The longest range of a monthly report. */
	private static final int MAX_MONTHS = 120;

	private final SalesReport sales;

	private final CustomerReport customers;

	private final MonthlyReport monthly;

	private final QueryInsight insight;

	private final WebProperties web;

	private final Clock clock;

	private final Admission admission;

	AnalyticsHandler(SalesReport sales, CustomerReport customers, MonthlyReport monthly, QueryInsight insight,
			WebProperties web, Clock clock, Admission admission) {
		this.sales = sales;
		this.customers = customers;
		this.monthly = monthly;
		this.insight = insight;
		this.web = web;
		this.clock = clock;
		this.admission = admission;
	}

	Mono<ServerResponse> sales(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of("from", "to", "limit", "currency"));
		Instant to = ReportRange.instant(request, "to", this.clock.instant());
		Instant from = ReportRange.instant(request, "from", to.minus(Duration.ofDays(30)));
		if (!from.isBefore(to)) {
			throw InvalidRequestException.forField("from", "must be before 'to'");
		}
		this.admission.admit(request.exchange(), Work.REPORT);
		return this.sales.top(from, to, ReportRange.currency(request), ReportRange.limit(request, 10, 100))
			.flatMap(Responses::ok);
	}

	Mono<ServerResponse> customers(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of("segment", "churn_risk", "limit", "after", "currency"));
		PageRequest page = PageRequest.from(request);
		this.admission.admit(request.exchange(), Work.REPORT);
		return this.customers
			.page(ReportRange.currency(request), QueryParams.enumValue(request, "segment", Segment.class),
					QueryParams.enumValue(request, "churn_risk", ChurnRisk.class), page)
			.flatMap((rows) -> ListResponses.write(request, rows, CustomerValue.class));
	}

	Mono<ServerResponse> monthly(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of("year", "from", "to", "currency"));
		YearMonth first;
		YearMonth last;
		if (request.queryParam("year").isPresent()) {
			if (request.queryParam("from").isPresent() || request.queryParam("to").isPresent()) {
				throw InvalidRequestException.forField("year", "give either year or from/to");
			}
			int year = QueryParams.wholeNumber(request, "year", 1970, 9999).orElseThrow();
			first = YearMonth.of(year, 1);
			last = YearMonth.of(year, 12);
		}
		else {
			Instant to = ReportRange.instant(request, "to", this.clock.instant());
			Instant from = ReportRange.instant(request, "from", to.minus(Duration.ofDays(365)));
			first = YearMonth.from(from.atZone(ZoneOffset.UTC));
			last = YearMonth.from(to.atZone(ZoneOffset.UTC));
			if (first.isAfter(last)) {
				throw InvalidRequestException.forField("from", "must be before 'to'");
			}
		}
		if (first.plusMonths(MAX_MONTHS).isBefore(last)) {
			throw InvalidRequestException.forField("from", "the range may cover at most " + MAX_MONTHS + " months");
		}
		this.admission.admit(request.exchange(), Work.REPORT);
		return this.monthly.months(first, last, ReportRange.currency(request)).flatMap(Responses::ok);
	}

	Mono<ServerResponse> indexes(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		return this.insight.indexes().flatMap(Responses::ok);
	}

	Mono<ServerResponse> explain(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		MediaType contentType = request.headers().contentType().orElse(null);
		if (contentType == null || !MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
			throw new UnsupportedMediaTypeStatusException(contentType, List.of(MediaType.APPLICATION_JSON));
		}
		return request.bodyToMono(JsonNode.class)
			.onErrorMap(ServerWebInputException.class,
					(ex) -> InvalidRequestException.of("The request body is not well-formed JSON", List.of()))
			.switchIfEmpty(Mono.error(() -> InvalidRequestException.of("The request body is required", List.of())))
			.map((body) -> ExplainRequest.from(body, this.web.maxJsonDepth()))
			.flatMap((explain) -> {
				this.admission.admit(request.exchange(), Work.REPORT);
				return this.insight.explain(explain);
			})
			.flatMap(Responses::ok);
	}

}
