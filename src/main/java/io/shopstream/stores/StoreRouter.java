package io.shopstream.stores;

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

/** Routes of {@code /api/v1/stores}: public reads, admin writes. */
@Configuration(proxyBeanMethods = false)
class StoreRouter {

	private static final String STORE = """
			{"id": "665f1c2e8b3e4a1d2c3b4a63", "name": "Shopstream Midtown", "status": "open",
			 "location": {"type": "Point", "coordinates": [-73.97, 40.77]}, "city": "New York",
			 "created_at": "2026-11-25T16:48:14.123Z"}""";

	@Bean
	@RouterOperations({
			@RouterOperation(path = "/api/v1/stores", method = RequestMethod.GET, beanClass = StoreHandler.class,
					beanMethod = "list",
					operation = @Operation(operationId = "listStores", description = "Every store, by name.",
							tags = "stores", summary = "All stores by name",
							responses = @ApiResponse(responseCode = "200",
									content = @Content(examples = @ExampleObject("[" + STORE + "]"))))),
			@RouterOperation(path = "/api/v1/stores", method = RequestMethod.POST, beanClass = StoreHandler.class,
					beanMethod = "create",
					operation = @Operation(operationId = "createStore",
							description = "Opens a store at a GeoJSON point.", tags = "stores",
							summary = "Open a store (admin)", security = @SecurityRequirement(name = "bearer"),
							requestBody = @RequestBody(required = true, content = @Content(
									schema = @Schema(implementation = NewStore.class),
									examples = @ExampleObject("{\"name\": \"Shopstream Midtown\", \"city\": \"New York\", \"longitude\": -73.97, \"latitude\": 40.77}"))),
							responses = @ApiResponse(responseCode = "201",
									content = @Content(examples = @ExampleObject(STORE))))),
			@RouterOperation(path = "/api/v1/stores/near", method = RequestMethod.GET, beanClass = StoreHandler.class,
					beanMethod = "near",
					operation = @Operation(operationId = "storesNear",
							description = "Open stores within max_m (and beyond min_m) metres of a point, nearest first, with their distance. Needs a real MongoDB (501 on the embedded back-end).",
							tags = "stores",
							summary = "Open stores near a point, nearest first; 501 on the embedded back-end",
							parameters = {
									@Parameter(in = ParameterIn.QUERY, name = "lng", example = "-73.97",
											required = true,
											schema = @Schema(type = "number", minimum = "-180", maximum = "180")),
									@Parameter(in = ParameterIn.QUERY, name = "lat", example = "40.77", required = true,
											schema = @Schema(type = "number", minimum = "-90", maximum = "90")),
									@Parameter(in = ParameterIn.QUERY, name = "max_m", example = "5000",
											schema = @Schema(type = "number", minimum = "0", maximum = "20000000",
													defaultValue = "5000")),
									@Parameter(in = ParameterIn.QUERY, name = "min_m", example = "0",
											schema = @Schema(type = "number", minimum = "0", defaultValue = "0")) },
							responses = {
									@ApiResponse(responseCode = "200",
											content = @Content(examples = @ExampleObject("[{\"store\": " + STORE
													+ ", \"distance_m\": 120}]"))),
									@ApiResponse(responseCode = "501",
											description = "The back-end has no geo queries (the embedded one)",
											content = @Content(mediaType = "application/problem+json",
													schema = @Schema(implementation = Problem.class))) })),
			@RouterOperation(path = "/api/v1/stores/{id}", method = RequestMethod.GET, beanClass = StoreHandler.class,
					beanMethod = "get",
					operation = @Operation(operationId = "getStore", description = "One store.", tags = "stores",
							summary = "A store", parameters = @Parameter(in = ParameterIn.PATH, name = "id"),
							responses = @ApiResponse(responseCode = "200",
									content = @Content(examples = @ExampleObject(STORE))))) })
	RouterFunction<ServerResponse> storeRoutes(StoreHandler handler) {
		return route()
			.path("/api/v1/stores",
					(stores) -> stores.GET("", handler::list)
						.POST("", handler::create)
						.GET("/near", handler::near)
						.GET("/{id}", handler::get))
			.filter(Negotiation.JSON)
			.build();
	}

}
