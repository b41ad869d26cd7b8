package io.shopstream.inventory;

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

/** Routes of {@code /api/v1/inventory}, with their OpenAPI description. */
@Configuration(proxyBeanMethods = false)
class InventoryRouter {

	private static final String ITEM = """
			{"id": "665f1c2e8b3e4a1d2c3b4a61", "sku": "PROD-123", "quantity": 100, "reserved": 5, "available": 95,
			 "warehouse_locations": [{"warehouse_id": "WH-1", "quantity": 60}, {"warehouse_id": "WH-2", "quantity": 40}],
			 "reorder_point": 20, "reorder_quantity": 100, "updated_at": "2026-11-25T16:48:14.123Z"}""";

	@Bean
	@RouterOperations({ @RouterOperation(path = "/api/v1/inventory/{sku}", method = RequestMethod.GET,
			beanClass = InventoryHandler.class, beanMethod = "get",
			operation = @Operation(operationId = "getInventory",
					description = "Quantity on hand, reserved for orders, and available (on hand minus reserved) for one sku, with its warehouse locations and reorder point.",
					tags = "inventory", summary = "Stock of a sku",
					parameters = @Parameter(in = ParameterIn.PATH, name = "sku"),
					responses = @ApiResponse(responseCode = "200",
							content = @Content(schema = @Schema(implementation = InventoryItem.class),
									examples = @ExampleObject(ITEM))))),
			@RouterOperation(path = "/api/v1/inventory/{sku}", method = RequestMethod.PUT,
					beanClass = InventoryHandler.class, beanMethod = "set",
					operation = @Operation(operationId = "setInventory",
							description = "Sets the quantity on hand for a sku, creating its record when needed. Reserved units stay reserved, so the quantity may not drop below them (409).",
							tags = "inventory", summary = "Set the stock on hand (admin); reserved units stay reserved",
							security = @SecurityRequirement(name = "bearer"),
							parameters = @Parameter(in = ParameterIn.PATH, name = "sku"),
							requestBody = @RequestBody(required = true, content = @Content(
									schema = @Schema(implementation = StockLevel.class),
									examples = @ExampleObject("{\"quantity\": 100, \"warehouse_locations\": [{\"warehouse_id\": \"WH-1\", \"quantity\": 100}], \"reorder_point\": 20, \"reorder_quantity\": 100}"))),
							responses = {
									@ApiResponse(responseCode = "200",
											content = @Content(schema = @Schema(implementation = InventoryItem.class),
													examples = @ExampleObject(ITEM))),
									@ApiResponse(responseCode = "409", description = "quantity below what is reserved",
											content = @Content(mediaType = "application/problem+json",
													schema = @Schema(implementation = Problem.class))) })),
			@RouterOperation(path = "/api/v1/inventory/{sku}/adjust", method = RequestMethod.POST,
					beanClass = InventoryHandler.class, beanMethod = "adjust",
					operation = @Operation(operationId = "adjustInventory",
							description = "Adds a delta to the quantity on hand in one conditional update: stock received (positive) or written off (negative), never leaving fewer available than zero (409).",
							tags = "inventory", summary = "Receive (positive) or write off (negative) stock (admin)",
							security = @SecurityRequirement(name = "bearer"),
							parameters = @Parameter(in = ParameterIn.PATH, name = "sku"),
							requestBody = @RequestBody(required = true,
									content = @Content(schema = @Schema(implementation = StockAdjustment.class),
											examples = @ExampleObject("{\"delta\": -3, \"reason\": \"damaged\"}"))),
							responses = {
									@ApiResponse(responseCode = "200",
											content = @Content(schema = @Schema(implementation = InventoryItem.class),
													examples = @ExampleObject(ITEM))),
									@ApiResponse(responseCode = "409", description = "would take available below zero",
											content = @Content(mediaType = "application/problem+json",
													schema = @Schema(implementation = Problem.class))) })) })
	RouterFunction<ServerResponse> inventoryRoutes(InventoryHandler handler) {
		return route().path("/api/v1/inventory/{sku}",
				(inventory) -> inventory.GET("", handler::get).PUT("", handler::set).POST("/adjust", handler::adjust))
			.filter(Negotiation.JSON)
			.build();
	}

}
