package io.shopstream.users;

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

/** Routes of {@code /api/v1/users}, with their OpenAPI description. */
@Configuration(proxyBeanMethods = false)
class UserRouter {

	private static final String NEW_USER_EXAMPLE = """
			{"email": "ada@example.com", "username": "ada", "password": "correct horse battery",
			 "profile": {"first_name": "Ada", "last_name": "Lovelace"}, "preferences": {"theme": "dark"}}""";

	static final String USER_EXAMPLE = """
			{"id": "665f1c2e8b3e4a1d2c3b4a59", "email": "ada@example.com", "username": "ada",
			 "profile": {"first_name": "Ada", "last_name": "Lovelace"}, "preferences": {"theme": "dark"},
			 "status": "active", "role": "user", "balance": "0.00",
			 "created_at": "2026-11-25T16:48:14.123Z", "updated_at": "2026-11-25T16:48:14.123Z"}""";

	private static final String PATCH_DESCRIPTION = """
			Fields left out stay as they are. Changing your own password or email needs \
			`current_password` (400 naming it when missing or wrong; wrong ones count as failed logins). \
			A new password ends your other sessions (the one making the request stays); an admin setting \
			another user's password needs no current_password and ends all of that user's sessions. \
			Only admins change role and status.""";

	private static final String PASSWORD_CHANGE_EXAMPLE = """
			{"password": "a brand new passphrase", "current_password": "correct horse battery"}""";

	@Bean
	@RouterOperations({ @RouterOperation(path = "/api/v1/users", method = RequestMethod.POST,
			beanClass = UserHandler.class, beanMethod = "create",
			operation = @Operation(operationId = "createUser", security = @SecurityRequirement(name = "bearer"),
					description = "Creates a user with any role (admins). The email and username must be free (409 naming the field otherwise).",
					summary = "Create a user", tags = "users",
					requestBody = @RequestBody(required = true,
							content = @Content(schema = @Schema(implementation = NewUser.class),
									examples = @ExampleObject(NEW_USER_EXAMPLE))),
					responses = {
							@ApiResponse(responseCode = "201", description = "Created",
									content = @Content(schema = @Schema(implementation = UserView.class),
											examples = @ExampleObject(USER_EXAMPLE))),
							@ApiResponse(responseCode = "400", description = "Invalid fields",
									content = @Content(mediaType = "application/problem+json",
											schema = @Schema(implementation = Problem.class))),
							@ApiResponse(responseCode = "409", description = "Email or username taken",
									content = @Content(mediaType = "application/problem+json",
											schema = @Schema(implementation = Problem.class))) })),
			@RouterOperation(path = "/api/v1/users", method = RequestMethod.GET, beanClass = UserHandler.class,
					beanMethod = "list",
					operation = @Operation(operationId = "listUsers", security = @SecurityRequirement(name = "bearer"),
							description = "Users in _id order, every status but deleted unless one is asked for, optionally of one role. Keyset pages: the next page's address is in the Link header. NDJSON when asked.",
							summary = "List users, streamed, one keyset page at a time", tags = "users",
							parameters = {
									@Parameter(in = ParameterIn.QUERY, name = "status", schema = @Schema(
											allowableValues = { "active", "inactive", "suspended", "deleted" })),
									@Parameter(in = ParameterIn.QUERY, name = "role",
											schema = @Schema(allowableValues = { "admin", "user", "guest" })),
									@Parameter(in = ParameterIn.QUERY, name = "limit",
											schema = @Schema(type = "integer", minimum = "1", maximum = "1000",
													defaultValue = "50")),
									@Parameter(in = ParameterIn.QUERY, name = "after",
											description = "Cursor from the previous page's Link header") },
							responses = @ApiResponse(responseCode = "200",
									description = "A JSON array (or NDJSON); the next page is in Link: <...>; rel=\"next\"",
									content = @Content(
											array = @ArraySchema(schema = @Schema(implementation = UserView.class)),
											examples = @ExampleObject("[" + USER_EXAMPLE + "]"))))),
			@RouterOperation(path = "/api/v1/users/{id}", method = RequestMethod.GET, beanClass = UserHandler.class,
					beanMethod = "get",
					operation = @Operation(operationId = "getUser", security = @SecurityRequirement(name = "bearer"),
							description = "One user, without the password hash. Users see only themselves; anyone else is 404, like an id that does not exist.",
							summary = "Get a user", tags = "users",
							parameters = @Parameter(in = ParameterIn.PATH, name = "id"),
							responses = {
									@ApiResponse(responseCode = "200",
											content = @Content(schema = @Schema(implementation = UserView.class),
													examples = @ExampleObject(USER_EXAMPLE))),
									@ApiResponse(responseCode = "404", description = "No such user",
											content = @Content(mediaType = "application/problem+json",
													schema = @Schema(implementation = Problem.class))) })),
			@RouterOperation(path = "/api/v1/users/{id}", method = RequestMethod.PATCH, beanClass = UserHandler.class,
					beanMethod = "update",
					operation = @Operation(operationId = "updateUser", security = @SecurityRequirement(name = "bearer"),
							summary = "Change some fields of a user", description = PATCH_DESCRIPTION, tags = "users",
							parameters = @Parameter(in = ParameterIn.PATH, name = "id"),
							requestBody = @RequestBody(required = true, content = @Content(
									schema = @Schema(implementation = UserChanges.class),
									examples = {
											@ExampleObject(name = "profile",
													value = "{\"profile\": {\"bio\": \"Analyst\"}}"),
											@ExampleObject(name = "own password", value = PASSWORD_CHANGE_EXAMPLE) })),
							responses = {
									@ApiResponse(responseCode = "200",
											content = @Content(schema = @Schema(implementation = UserView.class),
													examples = @ExampleObject(USER_EXAMPLE))),
									@ApiResponse(responseCode = "400",
											description = "Invalid fields, or current_password missing or wrong "
													+ "(the problem's errors name current_password)",
											content = @Content(mediaType = "application/problem+json",
													schema = @Schema(implementation = Problem.class))),
									@ApiResponse(responseCode = "403",
											description = "role or status changed by a non-admin",
											content = @Content(mediaType = "application/problem+json",
													schema = @Schema(implementation = Problem.class))),
									@ApiResponse(responseCode = "404", description = "No such user, or not yours",
											content = @Content(mediaType = "application/problem+json",
													schema = @Schema(implementation = Problem.class))),
									@ApiResponse(responseCode = "409", description = "Email or username taken",
											content = @Content(mediaType = "application/problem+json",
													schema = @Schema(implementation = Problem.class))),
									@ApiResponse(responseCode = "429",
											description = "Too many wrong passwords (login throttle); see Retry-After",
											content = @Content(mediaType = "application/problem+json",
													schema = @Schema(implementation = Problem.class))) })),
			@RouterOperation(path = "/api/v1/users/{id}", method = RequestMethod.DELETE, beanClass = UserHandler.class,
					beanMethod = "delete",
					operation = @Operation(operationId = "deleteUser", security = @SecurityRequirement(name = "bearer"),
							description = "Marks the user deleted (status deleted, deleted_at set); their sessions stop working at their next request. The document stays, left out of lookups and default lists.",
							summary = "Soft-delete a user (status deleted, deleted_at set)", tags = "users",
							parameters = @Parameter(in = ParameterIn.PATH, name = "id"),
							responses = @ApiResponse(responseCode = "204"))) })
	RouterFunction<ServerResponse> userRoutes(UserHandler handler) {
		return route()
			.path("/api/v1/users",
					(users) -> users.POST("", handler::create)
						.GET("", handler::list)
						.GET("/{id}", handler::get)
						.PATCH("/{id}", handler::update)
						.DELETE("/{id}", handler::delete))
			.filter(Negotiation.JSON)
			.build();
	}

}
