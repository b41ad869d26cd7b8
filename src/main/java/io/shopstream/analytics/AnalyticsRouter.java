package io.shopstream.analytics;

import io.shopstream.platform.web.Negotiation;
import io.shopstream.platform.web.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springdoc.core.annotations.RouterOperation;
import org.springdoc.core.annotations.RouterOperations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/** Routes of the analytics and admin insight endpoints: admins only. */
@Configuration(proxyBeanMethods = false)
class AnalyticsRouter {

	@Bean
	@RouterOperations({ @RouterOperation(path = "/api/v1/analytics/sales", method = RequestMethod.GET,
			beanClass = AnalyticsHandler.class, beanMethod = "sales",
			operation = @Operation(operationId = "salesReport",
					description = "The products that brought in the most revenue from delivered and completed orders placed in [from, to), with units sold and order counts, in one currency.",
					tags = "analytics",
					summary = "Top products by revenue from delivered/completed orders in [from, to)",
					security = @SecurityRequirement(name = "bearer"),
					parameters = { @Parameter(in = ParameterIn.QUERY, name = "from", example = "2026-01-01T00:00:00Z"),
							@Parameter(in = ParameterIn.QUERY, name = "to", example = "2026-02-01T00:00:00Z"),
							@Parameter(in = ParameterIn.QUERY, name = "limit", example = "10"),
							@Parameter(in = ParameterIn.QUERY, name = "currency", example = "USD") },
					responses = @ApiResponse(responseCode = "200", content = @Content(
							examples = @ExampleObject("""
									{"as_of": "2026-11-25T16:48:14.123Z", "from": "2026-01-01T00:00:00Z", "to": "2026-02-01T00:00:00Z",
									 "currency": "USD", "products": [{"rank": 1, "product_id": "665f1c2e8b3e4a1d2c3b4a60",
									 "product_name": "Premium Widget", "total_quantity": 12, "total_revenue": "1199.88",
									 "order_count": 5, "unique_customer_count": 4, "avg_order_value": "239.98"}]}"""))))),
			@RouterOperation(path = "/api/v1/analytics/customers", method = RequestMethod.GET,
					beanClass = AnalyticsHandler.class, beanMethod = "customers",
					operation = @Operation(operationId = "customerReport",
							description = "Customer lifetime value, highest total spent first: orders, amount spent, average order, segment and churn risk, computed by one aggregation over delivered and completed orders in one currency. Keyset pages; NDJSON when asked.",
							tags = "analytics",
							summary = "Customer lifetime value by total spent, keyset pages, streamed",
							security = @SecurityRequirement(name = "bearer"),
							parameters = {
									@Parameter(in = ParameterIn.QUERY, name = "segment", example = "VIP",
											schema = @Schema(type = "string",
													allowableValues = { "VIP", "Premium", "Regular", "New" })),
									@Parameter(in = ParameterIn.QUERY, name = "churn_risk", example = "High",
											schema = @Schema(type = "string",
													allowableValues = { "High", "Medium", "Low" })),
									@Parameter(in = ParameterIn.QUERY, name = "limit"),
									@Parameter(in = ParameterIn.QUERY, name = "after"),
									@Parameter(in = ParameterIn.QUERY, name = "currency", example = "USD") },
							responses = @ApiResponse(responseCode = "200", content = @Content(
									examples = @ExampleObject("""
											[{"customer_id": "665f1c2e8b3e4a1d2c3b4a59", "email": "ada@example.com",
											  "first_order_date": "2025-06-01T10:00:00Z", "last_order_date": "2026-11-01T09:00:00Z",
											  "total_orders": 7, "total_spent": "1520.40", "avg_order_value": "217.20", "items_purchased": 11,
											  "days_since_first_order": 542, "days_since_last_order": 24, "customer_segment": "VIP",
											  "churn_risk": "Low", "currency": "USD", "as_of": "2026-11-25T16:48:14.123Z"}]"""))))),
			@RouterOperation(path = "/api/v1/analytics/monthly", method = RequestMethod.GET,
					beanClass = AnalyticsHandler.class, beanMethod = "monthly",
					operation = @Operation(operationId = "monthlyReport",
							description = "Sales per calendar month (UTC) for a year, or for [from, to): order count, revenue and average order value, months without sales as zeros. One currency at a time.",
							tags = "analytics", summary = "Sales per month; months without sales are zeros",
							security = @SecurityRequirement(name = "bearer"),
							parameters = {
									@Parameter(in = ParameterIn.QUERY, name = "year", example = "2026",
											schema = @Schema(type = "integer", minimum = "1970", maximum = "9999")),
									@Parameter(in = ParameterIn.QUERY, name = "from"),
									@Parameter(in = ParameterIn.QUERY, name = "to"),
									@Parameter(in = ParameterIn.QUERY, name = "currency", example = "USD") },
							responses = @ApiResponse(responseCode = "200",
									content = @Content(
											examples = @ExampleObject("""
													{"as_of": "2026-11-25T16:48:14.123Z", "currency": "USD", "months": [
													 {"month": "2026-01", "count": 310, "revenue": "48211.50", "avg_order_value": "155.52",
													  "unique_customer_count": 44},
													 {"month": "2026-02", "count": 0, "revenue": "0.00", "avg_order_value": "0.00",
													  "unique_customer_count": 0}]}"""))))),
			@RouterOperation(path = "/api/v1/admin/indexes", method = RequestMethod.GET,
					beanClass = AnalyticsHandler.class, beanMethod = "indexes",
					operation = @Operation(operationId = "listIndexes",
							description = "Lists, per collection Shopstream owns, the indexes the back-end holds with their keys and options (unique, partial, TTL). On the embedded back-end only unique indexes exist.",
							tags = "admin", summary = "Every collection's indexes and their options",
							security = @SecurityRequirement(name = "bearer"),
							responses = @ApiResponse(responseCode = "200",
									content = @Content(
											examples = @ExampleObject("""
													{"as_of": "2026-11-25T16:48:14.123Z", "collections": {"sessions": [
													 {"name": "expires_at_ttl", "keys": {"expires_at": 1}, "unique": false, "kind": "regular",
													  "ttl_seconds": 0}]}}"""))))),
			@RouterOperation(path = "/api/v1/admin/explain", method = RequestMethod.POST,
					beanClass = AnalyticsHandler.class, beanMethod = "explain",
					operation = @Operation(operationId = "explainQuery",
							description = "Explains a find on one collection with MongoDB's query planner (explain outside the Stable API) and answers the winning plan, the index used and the documents examined. Unlike other bodies, filter and sort are MongoDB query documents, limited to query operators from a fixed list (never $where, $function, $accumulator or $expr).",
							tags = "admin", summary = "The winning plan of a find; 501 on the embedded back-end",
							security = @SecurityRequirement(name = "bearer"),
							requestBody = @RequestBody(required = true, content = @Content(
									schema = @Schema(type = "object", requiredProperties = "collection",
											description = "collection: one of Shopstream's; filter and sort: "
													+ "query documents; hint: an index name or key pattern"),
									examples = @ExampleObject("""
											{"collection": "orders", "filter": {"status": "delivered"}, "sort": {"created_at": -1}}"""))),
							responses = { @ApiResponse(responseCode = "200", content = @Content(
									examples = @ExampleObject("""
											{"as_of": "2026-11-25T16:48:14.123Z", "collection": "orders", "stages": ["FETCH", "IXSCAN"],
											 "index_used": "status", "collection_scan": false, "keys_examined": 120,
											 "docs_examined": 120, "returned": 120, "winning_plan": "{...}"}"""))),
									@ApiResponse(responseCode = "501",
											description = "The back-end cannot explain queries (the embedded one)",
											content = @Content(mediaType = "application/problem+json",
													schema = @Schema(implementation = Problem.class))) })) })
	RouterFunction<ServerResponse> analyticsRoutes(AnalyticsHandler handler) {
		return route().GET("/api/v1/analytics/sales", handler::sales)
			.GET("/api/v1/analytics/customers", handler::customers)
			.GET("/api/v1/analytics/monthly", handler::monthly)
			.GET("/api/v1/admin/indexes", handler::indexes)
			.POST("/api/v1/admin/explain", handler::explain)
			.filter(Negotiation.JSON)
			.build();
	}

}
