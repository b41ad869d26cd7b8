package io.shopstream.products;

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

/** Routes of {@code /api/v1/products}, with their OpenAPI description. */
@Configuration(proxyBeanMethods = false)
class ProductRouter {

	static final String PRODUCT_DRAFT = """
			{"sku": "PROD-123", "name": "Premium Widget", "description": "High-quality widget",
			 "category": {"name": "Electronics", "slug": "electronics", "path": ["Home", "Electronics"]},
			 "attributes": {"color": "Black", "weight": 250},
			 "pricing": {"base_price": "99.99", "currency": "USD", "tax_rate": "0.08",
			  "discounts": [{"type": "percentage", "value": "10", "valid_from": "2026-01-01T00:00:00Z",
			   "valid_until": "2027-01-01T00:00:00Z", "conditions": {"min_quantity": 5}}]},
			 "status": "active"}""";

	static final String PRODUCT = """
			{"id": "665f1c2e8b3e4a1d2c3b4a60", "sku": "PROD-123", "name": "Premium Widget", "slug": "premium-widget",
			 "category": {"name": "Electronics", "slug": "electronics", "path": ["Home", "Electronics"]},
			 "attributes": {"color": "Black", "weight": 250},
			 "pricing": {"base_price": "99.99", "currency": "USD", "tax_rate": "0.08", "discounts": []},
			 "status": "active", "created_at": "2026-11-25T16:48:14.123Z", "updated_at": "2026-11-25T16:48:14.123Z"}""";

	static final String IMPORT_REPORT = """
			{"lines": 3, "valid": 2, "matched": 1, "upserted": 1, "modified": 1, "error_count": 1,
			 "errors": [{"line": 2, "reason": "pricing must not be null"}]}""";

	@Bean
	@RouterOperations({ @RouterOperation(path = "/api/v1/products", method = RequestMethod.GET,
			beanClass = ProductHandler.class, beanMethod = "list",
			operation = @Operation(operationId = "listProducts",
					description = "Active and other products filtered by category, price range, status and attributes (attr.<name>), sorted by sort. Keyset pages: the next page's address is in the Link header. NDJSON when asked.",
					tags = "products", summary = "List products, streamed, one keyset page at a time",
					parameters = {
							@Parameter(in = ParameterIn.QUERY, name = "category", description = "category slug",
									schema = @Schema(type = "string", pattern = "^[a-z0-9-]{1,100}$")),
							@Parameter(in = ParameterIn.QUERY, name = "min_price",
									schema = @Schema(type = "string", format = "decimal",
											pattern = "^\\d{1,15}(\\.\\d{1,6})?$")),
							@Parameter(in = ParameterIn.QUERY, name = "max_price",
									schema = @Schema(type = "string", format = "decimal",
											pattern = "^\\d{1,15}(\\.\\d{1,6})?$")),
							@Parameter(in = ParameterIn.QUERY, name = "status",
									schema = @Schema(allowableValues = { "draft", "active", "discontinued" })),
							@Parameter(in = ParameterIn.QUERY, name = "attr.color", example = "Black",
									description = "any attr.<name>, name a plain identifier",
									schema = @Schema(type = "string", maxLength = 200)),
							@Parameter(in = ParameterIn.QUERY, name = "sort", schema = @Schema(
									allowableValues = { "-created_at", "created_at", "price", "-price", "name" })),
							@Parameter(in = ParameterIn.QUERY, name = "limit"),
							@Parameter(in = ParameterIn.QUERY, name = "after") },
					responses = @ApiResponse(responseCode = "200",
							description = "JSON array or NDJSON; next page in Link: <...>; rel=\"next\"",
							content = @Content(array = @ArraySchema(schema = @Schema(implementation = Product.class)),
									examples = @ExampleObject("[" + PRODUCT + "]"))))),
			@RouterOperation(path = "/api/v1/products", method = RequestMethod.POST, beanClass = ProductHandler.class,
					beanMethod = "create",
					operation = @Operation(operationId = "createProduct",
							description = "Creates a product. The sku must be unique (409 naming it otherwise); prices are exact decimals in the product's currency.",
							tags = "products", summary = "Create a product (admin)",
							security = @SecurityRequirement(name = "bearer"),
							requestBody = @RequestBody(required = true,
									content = @Content(schema = @Schema(implementation = ProductDraft.class),
											examples = @ExampleObject(PRODUCT_DRAFT))),
							responses = {
									@ApiResponse(responseCode = "201",
											content = @Content(schema = @Schema(implementation = Product.class),
													examples = @ExampleObject(PRODUCT))),
									@ApiResponse(responseCode = "409", description = "sku taken",
											content = @Content(mediaType = "application/problem+json",
													schema = @Schema(implementation = Problem.class))) })),
			@RouterOperation(path = "/api/v1/products/bulk", method = RequestMethod.POST,
					beanClass = ProductHandler.class, beanMethod = "bulkImport",
					operation = @Operation(operationId = "importProducts",
							description = "Reads NDJSON, one product per line, streamed and upserted by sku in unordered batches. Refused lines are listed with their number and reason; the rest are imported. Importing the same file again changes nothing.",
							tags = "products", summary = "Upsert products by sku from NDJSON, one per line (admin)",
							security = @SecurityRequirement(name = "bearer"),
							parameters = @Parameter(in = ParameterIn.QUERY, name = "batch_size",
									schema = @Schema(type = "integer", minimum = "1", maximum = "10000",
											defaultValue = "1000")),
							requestBody = @RequestBody(required = true,
									description = "One product per line, each as the body of POST /products",
									content = @Content(mediaType = "application/x-ndjson",
											schema = @Schema(implementation = ProductDraft.class),
											examples = @ExampleObject("{\"sku\": \"A-1\", \"name\": \"A\", \"pricing\": {\"base_price\": \"1.00\", \"currency\": \"USD\"}}\n"))),
							responses = @ApiResponse(responseCode = "200",
									content = @Content(schema = @Schema(implementation = ImportReport.class),
											examples = @ExampleObject(IMPORT_REPORT))))),
			@RouterOperation(path = "/api/v1/products/search", method = RequestMethod.GET,
					beanClass = ProductHandler.class, beanMethod = "search",
					operation = @Operation(operationId = "searchProducts",
							description = "Full-text search over name and description, best matches first, with MongoDB's text score. Needs a real MongoDB (501 on the embedded back-end).",
							tags = "products",
							summary = "Full-text search by relevance ($text); 501 on the embedded back-end",
							parameters = { @Parameter(in = ParameterIn.QUERY, name = "q", example = "premium wireless",
									required = true, schema = @Schema(type = "string", minLength = 1, maxLength = 200)),
									@Parameter(in = ParameterIn.QUERY, name = "limit") },
							responses = {
									@ApiResponse(responseCode = "200",
											content = @Content(examples = @ExampleObject("[{\"product\": " + PRODUCT
													+ ", \"score\": 1.5}]"))),
									@ApiResponse(responseCode = "501", description = "the back-end lacks text search",
											content = @Content(mediaType = "application/problem+json",
													schema = @Schema(implementation = Problem.class))) })),
			@RouterOperation(path = "/api/v1/products/{id}", method = RequestMethod.GET,
					beanClass = ProductHandler.class, beanMethod = "get",
					operation = @Operation(operationId = "getProduct",
							description = "One product with its pricing, attributes and review summary.",
							tags = "products", summary = "Get a product",
							parameters = @Parameter(in = ParameterIn.PATH, name = "id"),
							responses = @ApiResponse(responseCode = "200",
									content = @Content(schema = @Schema(implementation = Product.class),
											examples = @ExampleObject(PRODUCT))))),
			@RouterOperation(path = "/api/v1/products/{id}", method = RequestMethod.PUT,
					beanClass = ProductHandler.class, beanMethod = "replace",
					operation = @Operation(operationId = "replaceProduct",
							description = "Replaces a product with the body sent, keeping its id and creation time.",
							tags = "products", summary = "Replace a product (admin)",
							security = @SecurityRequirement(name = "bearer"),
							parameters = @Parameter(in = ParameterIn.PATH, name = "id"),
							requestBody = @RequestBody(required = true,
									content = @Content(schema = @Schema(implementation = ProductDraft.class),
											examples = @ExampleObject(PRODUCT_DRAFT))),
							responses = @ApiResponse(responseCode = "200",
									content = @Content(schema = @Schema(implementation = Product.class),
											examples = @ExampleObject(PRODUCT))))),
			@RouterOperation(path = "/api/v1/products/{id}", method = RequestMethod.DELETE,
					beanClass = ProductHandler.class, beanMethod = "delete",
					operation = @Operation(operationId = "deleteProduct",
							description = "Deletes a product from the catalogue; orders keep their snapshot of it.",
							tags = "products", summary = "Delete a product (admin)",
							security = @SecurityRequirement(name = "bearer"),
							parameters = @Parameter(in = ParameterIn.PATH, name = "id"),
							responses = @ApiResponse(responseCode = "204"))),
			@RouterOperation(path = "/api/v1/products/{id}/views", method = RequestMethod.POST,
					beanClass = ProductHandler.class, beanMethod = "recordView",
					operation = @Operation(operationId = "recordProductView",
							description = "Counts one view of a product in the bucket of the current hour.",
							tags = "products", summary = "Count one view of a product",
							parameters = @Parameter(in = ParameterIn.PATH, name = "id"),
							responses = @ApiResponse(responseCode = "204"))),
			@RouterOperation(path = "/api/v1/products/{id}/views", method = RequestMethod.GET,
					beanClass = ProductHandler.class, beanMethod = "viewSeries",
					operation = @Operation(operationId = "productViewSeries",
							description = "Views of a product in [from, to) per hour or per UTC day, read from its hourly buckets, at most 366 days.",
							tags = "products", summary = "Views per hour or per UTC day",
							parameters = { @Parameter(in = ParameterIn.PATH, name = "id"),
									@Parameter(in = ParameterIn.QUERY, name = "from", example = "2026-11-24T00:00:00Z"),
									@Parameter(in = ParameterIn.QUERY, name = "to", example = "2026-11-25T00:00:00Z"),
									@Parameter(in = ParameterIn.QUERY, name = "granularity",
											schema = @Schema(allowableValues = { "hour", "day" })) },
							responses = @ApiResponse(responseCode = "200", content = @Content(
									examples = @ExampleObject("[{\"period\": \"2026-11-24T13:00:00Z\", \"views\": 42}]"))))) })
	RouterFunction<ServerResponse> productRoutes(ProductHandler handler) {
		return route()
			.path("/api/v1/products",
					(products) -> products.GET("", handler::list)
						.POST("", handler::create)
						.POST("/bulk", handler::bulkImport)
						.GET("/search", handler::search)
						.GET("/{id}", handler::get)
						.PUT("/{id}", handler::replace)
						.DELETE("/{id}", handler::delete)
						.POST("/{id}/views", handler::recordView)
						.GET("/{id}/views", handler::viewSeries))
			.filter(Negotiation.JSON)
			.build();
	}

}
