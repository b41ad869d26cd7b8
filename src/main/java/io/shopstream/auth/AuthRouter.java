package io.shopstream.auth;

import io.shopstream.platform.web.Negotiation;
import io.shopstream.platform.web.Problem;
import io.shopstream.users.NewUser;
import io.shopstream.users.UserView;
import io.swagger.v3.oas.annotations.Operation;
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

/** Routes of {@code /api/v1/auth}, with their OpenAPI description. */
@Configuration(proxyBeanMethods = false)
class AuthRouter {

	private static final String USER_EXAMPLE = """
			{"id": "665f1c2e8b3e4a1d2c3b4a59", "email": "ada@example.com", "username": "ada", "status": "active",
			 "role": "user", "balance": "0.00", "created_at": "2026-11-25T16:48:14.123Z",
			 "updated_at": "2026-11-25T16:48:14.123Z", "last_login_at": "2026-11-25T17:02:00.000Z"}""";

	@Bean
	@RouterOperations({ @RouterOperation(path = "/api/v1/auth/register", method = RequestMethod.POST,
			beanClass = AuthHandler.class, beanMethod = "register",
			operation = @Operation(operationId = "register",
					description = "Creates an account with role user and an empty balance. The email and username must be free (409 naming the field otherwise); the password must follow the policy (400).",
					summary = "Create your own account (role user)", tags = "auth",
					requestBody = @RequestBody(required = true, content = @Content(
							schema = @Schema(implementation = NewUser.class),
							examples = @ExampleObject("{\"email\": \"ada@example.com\", \"username\": \"ada\", \"password\": \"correct horse battery\"}"))),
					responses = {
							@ApiResponse(responseCode = "201",
									content = @Content(schema = @Schema(implementation = UserView.class),
											examples = @ExampleObject(USER_EXAMPLE))),
							@ApiResponse(responseCode = "409", description = "Email or username taken",
									content = @Content(mediaType = "application/problem+json",
											schema = @Schema(implementation = Problem.class))) })),
			@RouterOperation(path = "/api/v1/auth/login", method = RequestMethod.POST, beanClass = AuthHandler.class,
					beanMethod = "login",
					operation = @Operation(operationId = "login",
							description = "Checks the password (failed attempts are limited per account and per address; past the limit 429 with Retry-After) and answers a bearer token. The same token is set as an HttpOnly, SameSite session cookie, which counts for GET and HEAD only.",
							summary = "Log in with email or username; returns a bearer token and sets the session cookie",
							tags = "auth",
							requestBody = @RequestBody(required = true, content = @Content(
									schema = @Schema(implementation = Credentials.class),
									examples = @ExampleObject("{\"login\": \"ada@example.com\", \"password\": \"correct horse battery\"}"))),
							responses = { @ApiResponse(responseCode = "200", content = @Content(
									schema = @Schema(implementation = LoginResult.class),
									examples = @ExampleObject("{\"token\": \"q3J0...\", \"token_type\": \"Bearer\", \"expires_at\": \"2026-11-26T04:48:14.123Z\"}"))),
									@ApiResponse(responseCode = "401", description = "Wrong login or password",
											content = @Content(mediaType = "application/problem+json",
													schema = @Schema(implementation = Problem.class))),
									@ApiResponse(responseCode = "429",
											description = "Too many failed logins; see Retry-After",
											content = @Content(mediaType = "application/problem+json",
													schema = @Schema(implementation = Problem.class))) })),
			@RouterOperation(path = "/api/v1/auth/logout", method = RequestMethod.POST, beanClass = AuthHandler.class,
					beanMethod = "logout",
					operation = @Operation(operationId = "logout",
							description = "Ends the session the request was authenticated with; its token and cookie stop working at once on every instance.",
							summary = "End this session", tags = "auth",
							security = @SecurityRequirement(name = "bearer"),
							responses = @ApiResponse(responseCode = "204"))),
			@RouterOperation(path = "/api/v1/auth/me", method = RequestMethod.GET, beanClass = AuthHandler.class,
					beanMethod = "me",
					operation = @Operation(operationId = "me",
							description = "The account the request is authenticated as, without its password hash.",
							summary = "The signed-in user", tags = "auth",
							security = @SecurityRequirement(name = "bearer"),
							responses = @ApiResponse(responseCode = "200",
									content = @Content(schema = @Schema(implementation = UserView.class),
											examples = @ExampleObject(USER_EXAMPLE))))) })
	RouterFunction<ServerResponse> authRoutes(AuthHandler handler) {
		return route()
			.path("/api/v1/auth",
					(auth) -> auth.POST("/register", handler::register)
						.POST("/login", handler::login)
						.POST("/logout", handler::logout)
						.GET("/me", handler::me))
			.filter(Negotiation.JSON)
			.build();
	}

}
