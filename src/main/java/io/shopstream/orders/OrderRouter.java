package io.shopstream.orders;

import io.shopstream.platform.web.Negotiation;
import io.shopstream.platform.web.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
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

/**
 * Routes of {@code /api/v1/orders} and {@code /api/v1/users/{id}/orders}, with their
 * OpenAPI description.
 */
@Configuration(proxyBeanMethods = false)
class OrderRouter {

	static final String NEW_ORDER = """
			{"items": [{"sku": "PROD-123", "quantity": 3}],
			 "shipping_address": {"name": "Ada Lovelace", "street": "12 St James's Square", "city": "London",
			  "postal_code": "SW1Y 4JH", "country": "GB"},
			 "payment_method": "card", "metadata": {"source": "web"}}""";

	static final String ORDER = """
			{"id": "665f1c2e8b3e4a1d2c3b4a62", "order_number": "ORD-2026-000123",
			 "user": {"id": "665f1c2e8b3e4a1d2c3b4a59", "email": "ada@example.com", "name": "Ada Lovelace"},
			 "items": [{"product_id": "665f1c2e8b3e4a1d2c3b4a60", "sku": "PROD-123", "name": "Premium Widget",
			  "price": "19.99", "quantity": 3, "subtotal": "59.97", "discount": "0.00", "tax": "4.80",
			  "snapshot": {"category": "Electronics", "attributes": {"color": "Black"}}}],
			 "shipping_address": {"name": "Ada Lovelace", "street": "12 St James's Square", "city": "London",
			  "postal_code": "SW1Y 4JH", "country": "GB"},
			 "payment": {"method": "card", "status": "pending"},
			 "totals": {"subtotal": "59.97", "discount": "0.00", "tax": "4.80", "shipping": "5.00", "total": "69.77",
			  "currency": "USD"},
			 "status": "pending",
			 "status_history": [{"status": "pending", "at": "2026-11-25T16:48:14.123Z", "by": "665f1c2e8b3e4a1d2c3b4a59"}],
			 "created_at": "2026-11-25T16:48:14.123Z", "updated_at": "2026-11-25T16:48:14.123Z"}""";

	private static final String CONFLICT = "409";

	@Bean
	@RouterOperations({ @RouterOperation(path = "/api/v1/orders", method = RequestMethod.POST,
			beanClass = OrderHandler.class, beanMethod = "place",
			operation = @Operation(operationId = "placeOrder",
					description = "Prices the items from the catalogue (totals are never taken from the client), reserves every item's stock or none (409 naming the sku that runs short) and records the order with its number. Paid from the balance, it runs in one transaction with the debit (501 where there are no transactions).",
					tags = "orders", summary = "Place an order; stock for every item is reserved, or none",
					security = @SecurityRequirement(name = "bearer"),
					requestBody = @RequestBody(required = true,
							content = @Content(schema = @Schema(implementation = NewOrder.class),
									examples = @ExampleObject(NEW_ORDER))),
					responses = {
							@ApiResponse(responseCode = "201",
									content = @Content(schema = @Schema(implementation = Order.class),
											examples = @ExampleObject(ORDER))),
							@ApiResponse(responseCode = CONFLICT,
									description = "not enough stock (names the sku), or a balance too small to pay "
											+ "(names balance)",
									content = @Content(mediaType = "application/problem+json",
											schema = @Schema(implementation = Problem.class),
											examples = @ExampleObject("{\"type\": \"https://shopstream.io/problems/conflict\", \"title\": \"Conflict\", \"status\": 409, \"detail\": \"Not enough stock available for sku PROD-123\", \"field\": \"sku\"}"))),
							@ApiResponse(responseCode = "501",
									description = "payment_method balance on a back-end without transactions",
									content = @Content(mediaType = "application/problem+json",
											schema = @Schema(implementation = Problem.class))) })),
			@RouterOperation(path = "/api/v1/orders", method = RequestMethod.GET, beanClass = OrderHandler.class,
					beanMethod = "list",
					operation = @Operation(operationId = "listOrders",
							description = "Orders newest first: yours, or for admins everyone's, filtered by status, [from, to) and (admins) user_id. Keyset pages: the next page's address is in the Link header. NDJSON when asked.",
							tags = "orders", summary = "Your orders (admins: all), newest first, keyset pages",
							security = @SecurityRequirement(name = "bearer"),
							parameters = {
									@Parameter(in = ParameterIn.QUERY, name = "status",
											schema = @Schema(allowableValues = { "pending", "processing", "shipped",
													"delivered", "cancelled" })),
									@Parameter(in = ParameterIn.QUERY, name = "from", description = "inclusive",
											example = "2026-01-01T00:00:00Z"),
									@Parameter(in = ParameterIn.QUERY, name = "to", description = "exclusive",
											example = "2027-01-01T00:00:00Z"),
									@Parameter(in = ParameterIn.QUERY, name = "user_id", description = "admins only"),
									@Parameter(in = ParameterIn.QUERY, name = "limit"),
									@Parameter(in = ParameterIn.QUERY, name = "after") },
							responses = @ApiResponse(responseCode = "200",
									content = @Content(
											array = @ArraySchema(schema = @Schema(implementation = Order.class)),
											examples = @ExampleObject("[" + ORDER + "]"))))),
			@RouterOperation(path = "/api/v1/orders/export", method = RequestMethod.GET, beanClass = OrderHandler.class,
					beanMethod = "export",
					operation = @Operation(operationId = "exportOrders",
							description = "Every order matching the filters, oldest first, as NDJSON streamed from one cursor in constant memory, however many there are.",
							tags = "orders",
							summary = "Every matching order as NDJSON, oldest first, in constant memory (admin)",
							security = @SecurityRequirement(name = "bearer"),
							parameters = {
									@Parameter(in = ParameterIn.QUERY, name = "status",
											schema = @Schema(allowableValues = { "pending", "processing", "shipped",
													"delivered", "cancelled" })),
									@Parameter(in = ParameterIn.QUERY, name = "from"),
									@Parameter(in = ParameterIn.QUERY, name = "to"),
									@Parameter(in = ParameterIn.QUERY, name = "user_id") },
							responses = @ApiResponse(responseCode = "200",
									content = @Content(mediaType = "application/x-ndjson",
											examples = @ExampleObject(ORDER))))),
			@RouterOperation(path = "/api/v1/orders/{id}", method = RequestMethod.GET, beanClass = OrderHandler.class,
					beanMethod = "get",
					operation = @Operation(operationId = "getOrder",
							description = "One order with its items, totals and status history. Someone else's order answers 404, like one that does not exist.",
							tags = "orders", summary = "One of your orders (admins: any)",
							security = @SecurityRequirement(name = "bearer"),
							parameters = @Parameter(in = ParameterIn.PATH, name = "id"),
							responses = @ApiResponse(responseCode = "200",
									content = @Content(schema = @Schema(implementation = Order.class),
											examples = @ExampleObject(ORDER))))),
			@RouterOperation(path = "/api/v1/orders/{id}/status", method = RequestMethod.POST,
					beanClass = OrderHandler.class, beanMethod = "changeStatus",
					operation = @Operation(operationId = "changeOrderStatus",
							description = "Moves an order to its next status in one conditional update: pending, processing, shipped, delivered, or cancelled from pending or processing. Cancelling releases the stock (and refunds an order paid from the balance); shipping takes it out for good.",
							tags = "orders", summary = "Move an order on: admins any allowed step, owners cancel only",
							security = @SecurityRequirement(name = "bearer"),
							parameters = @Parameter(in = ParameterIn.PATH, name = "id"),
							requestBody = @RequestBody(required = true, content = @Content(
									schema = @Schema(implementation = StatusRequest.class),
									examples = @ExampleObject("{\"status\": \"shipped\", \"note\": \"DHL 123\"}"))),
							responses = {
									@ApiResponse(responseCode = "200",
											content = @Content(schema = @Schema(implementation = Order.class),
													examples = @ExampleObject(ORDER))),
									@ApiResponse(responseCode = CONFLICT,
											description = "not an allowed step from the current status",
											content = @Content(mediaType = "application/problem+json",
													schema = @Schema(implementation = Problem.class))) })),
			@RouterOperation(path = "/api/v1/users/{id}/orders", method = RequestMethod.GET,
					beanClass = OrderHandler.class, beanMethod = "ofUser",
					operation = @Operation(operationId = "userOrders",
							description = "A user and their newest 100 orders, joined in one $lookup aggregation. Users see only themselves; anyone else is 404.",
							tags = "orders", summary = "A user with their newest 100 orders, joined with $lookup",
							security = @SecurityRequirement(name = "bearer"),
							parameters = @Parameter(in = ParameterIn.PATH, name = "id"),
							responses = @ApiResponse(responseCode = "200", content = @Content(
									schema = @Schema(implementation = CustomerOrders.View.class),
									examples = @ExampleObject("{\"user_id\": \"665f1c2e8b3e4a1d2c3b4a59\", \"email\": \"ada@example.com\", \"username\": \"ada\", \"orders\": ["
											+ ORDER + "]}"))))) })
	RouterFunction<ServerResponse> orderRoutes(OrderHandler handler) {
		return route()
			.path("/api/v1/orders",
					(orders) -> orders.POST("", handler::place)
						.GET("", handler::list)
						.GET("/export", handler::export)
						.GET("/{id}", handler::get)
						.POST("/{id}/status", handler::changeStatus))
			.GET("/api/v1/users/{id}/orders", handler::ofUser)
			.filter(Negotiation.JSON)
			.build();
	}

}
