package io.shopstream.wallet;

import io.shopstream.platform.web.Negotiation;
import io.shopstream.platform.web.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
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
 * Routes of {@code /api/v1/transfers} and of a user's balance and ledger, with their
 * OpenAPI description.
 */
@Configuration(proxyBeanMethods = false)
class WalletRouter {

	private static final String NEW_TRANSFER = """
			{"to": "665f1c2e8b3e4a1d2c3b4a5a", "amount": "25.50", "note": "Dinner on Friday"}""";

	private static final String TRANSFER = """
			{"id": "665f1c2e8b3e4a1d2c3b4a70", "type": "transfer", "from": "665f1c2e8b3e4a1d2c3b4a59",
			 "to": "665f1c2e8b3e4a1d2c3b4a5a", "amount": "25.50", "currency": "USD", "note": "Dinner on Friday",
			 "status": "completed", "idempotency_key": "3f1c9a52-5d8e-4a8b-9a57-2f1de0c3b6a1",
			 "by": "665f1c2e8b3e4a1d2c3b4a59", "timestamp": "2026-11-25T16:48:14.123Z"}""";

	private static final String ADJUSTMENT = """
			{"amount": "100.00", "reason": "Goodwill credit for a late delivery"}""";

	private static final String LEDGER_ENTRY = """
			{"id": "665f1c2e8b3e4a1d2c3b4a71", "user_id": "665f1c2e8b3e4a1d2c3b4a59", "type": "transfer",
			 "amount": "-25.50", "balance": "74.50", "currency": "USD", "transfer_id": "665f1c2e8b3e4a1d2c3b4a70",
			 "counterparty": "665f1c2e8b3e4a1d2c3b4a5a", "by": "665f1c2e8b3e4a1d2c3b4a59",
			 "created_at": "2026-11-25T16:48:14.123Z"}""";

	private static final String INSUFFICIENT = """
			{"type": "https://shopstream.io/problems/conflict", "title": "Conflict", "status": 409,
			 "detail": "The balance (12.00) is less than 25.50", "field": "balance"}""";

	private static final String NO_TRANSACTIONS = """
			{"type": "https://shopstream.io/problems/missing-capability", "title": "Not implemented by this back-end",
			 "status": 501, "detail": "The connected MongoDB back-end lacks multi-document transactions",
			 "capability": "transactions",
			 "remedy": "Needs a MongoDB replica set or sharded cluster: start Shopstream with MONGODB_URI pointing at one."}""";

	private static final String TRANSFER_DESCRIPTION = """
			Moves money from your balance (admins may name `from`) to another active user, in one \
			multi-document transaction: the debit only if the balance covers the amount, the credit, the \
			transfer record and both ledger entries, or none of them. Needs an `Idempotency-Key` header: \
			repeating the request with the same key and body answers the first transfer again (same id, \
			201, `Idempotent-Replayed: true`) and moves nothing; the same key with another body is 422. \
			A refused transfer records nothing, so its key may be used again. On a back-end without \
			transactions (the embedded one) a valid request is answered 501.""";

	private static final String PROBLEM = "application/problem+json";

	private static final String BEARER = "bearer";

	@Bean
	@RouterOperations({
			@RouterOperation(path = "/api/v1/transfers", method = RequestMethod.POST, beanClass = WalletHandler.class,
					beanMethod = "transfer",
					operation = @Operation(operationId = "createTransfer", tags = "wallet",
							summary = "Transfer money to another user, once per Idempotency-Key",
							description = TRANSFER_DESCRIPTION, security = @SecurityRequirement(name = BEARER),
							parameters = @Parameter(in = ParameterIn.HEADER, name = WalletHandler.IDEMPOTENCY_KEY,
									required = true,
									description = "1 to 255 printable ASCII characters, unique per transfer",
									schema = @Schema(type = "string", pattern = "^[\\x21-\\x7E]{1,255}$"),
									example = "3f1c9a52-5d8e-4a8b-9a57-2f1de0c3b6a1"),
							requestBody = @RequestBody(required = true, content = @Content(
									schema = @Schema(implementation = NewTransfer.class),
									examples = @ExampleObject(NEW_TRANSFER))),
							responses = { @ApiResponse(responseCode = "201",
									description = "Made now, or earlier under the same key",
									headers = @Header(name = WalletHandler.REPLAYED,
											description = "true when this answers a transfer made before",
											schema = @Schema(type = "string", allowableValues = { "true", "false" })),
									content = @Content(
											schema = @Schema(implementation = Transfer.class),
											examples = @ExampleObject(TRANSFER))),
									@ApiResponse(
											responseCode = "400",
											description = "Invalid amount (not positive, too many decimals, over the maximum), "
													+ "ids, note, missing or malformed Idempotency-Key, or a transfer to yourself",
											content = @Content(
													mediaType = PROBLEM,
													schema = @Schema(implementation = Problem.class))),
									@ApiResponse(responseCode = "403", description = "`from` named by a non-admin",
											content = @Content(
													mediaType = PROBLEM, schema = @Schema(
															implementation = Problem.class))),
									@ApiResponse(responseCode = "404", description = "No such recipient (or sender)",
											content = @Content(mediaType = PROBLEM,
													schema = @Schema(implementation = Problem.class))),
									@ApiResponse(responseCode = "409",
											description = "Balance too small (names `balance`), or the recipient "
													+ "(names `to`) or sender (names `from`) not active",
											content = @Content(mediaType = PROBLEM,
													schema = @Schema(implementation = Problem.class),
													examples = @ExampleObject(INSUFFICIENT))),
									@ApiResponse(responseCode = "422",
											description = "The Idempotency-Key was used for a different transfer",
											content = @Content(
													mediaType = PROBLEM, schema = @Schema(
															implementation = Problem.class))),
									@ApiResponse(responseCode = "501", description = "The back-end has no transactions",
											content = @Content(mediaType = PROBLEM,
													schema = @Schema(implementation = Problem.class),
													examples = @ExampleObject(NO_TRANSACTIONS))),
									@ApiResponse(responseCode = "503",
											description = "The transaction kept conflicting past the deadline; see Retry-After "
													+ "and repeat with the same Idempotency-Key",
											content = @Content(mediaType = PROBLEM,
													schema = @Schema(implementation = Problem.class))) })),
			@RouterOperation(path = "/api/v1/transfers", method = RequestMethod.GET, beanClass = WalletHandler.class,
					beanMethod = "listTransfers",
					operation = @Operation(operationId = "listTransfers",
							description = "Transfers newest first: those you sent or received, or for admins every transfer or one user's (user). Keyset pages: the next page's address is in the Link header. NDJSON when asked.",
							tags = "wallet",
							summary = "Transfers you sent or received (admins: all, or one user's), newest first",
							security = @SecurityRequirement(name = BEARER),
							parameters = {
									@Parameter(in = ParameterIn.QUERY, name = "user",
											description = "Only this user's, as sender or recipient (admins; "
													+ "anyone else may name only themselves)",
											schema = @Schema(type = "string", pattern = "^[0-9a-f]{24}$")),
									@Parameter(in = ParameterIn.QUERY, name = "limit",
											schema = @Schema(type = "integer", minimum = "1", maximum = "1000",
													defaultValue = "50")),
									@Parameter(in = ParameterIn.QUERY, name = "after",
											description = "Cursor from the previous page's Link header") },
							responses = @ApiResponse(responseCode = "200",
									description = "A JSON array (or NDJSON); the next page is in Link: <...>; rel=\"next\"",
									content = @Content(
											array = @ArraySchema(schema = @Schema(implementation = Transfer.class)),
											examples = @ExampleObject("[" + TRANSFER + "]"))))),
			@RouterOperation(path = "/api/v1/transfers/{id}", method = RequestMethod.GET,
					beanClass = WalletHandler.class, beanMethod = "getTransfer",
					operation = @Operation(operationId = "getTransfer",
							description = "One transfer. Someone else's answers 404, like one that does not exist.",
							tags = "wallet", summary = "A transfer you sent or received (admins: any)",
							security = @SecurityRequirement(name = BEARER),
							parameters = @Parameter(in = ParameterIn.PATH, name = "id"),
							responses = {
									@ApiResponse(responseCode = "200",
											content = @Content(schema = @Schema(implementation = Transfer.class),
													examples = @ExampleObject(TRANSFER))),
									@ApiResponse(responseCode = "404", description = "No such transfer, or not yours",
											content = @Content(mediaType = PROBLEM,
													schema = @Schema(implementation = Problem.class))) })),
			@RouterOperation(path = "/api/v1/users/{id}/balance/adjustments", method = RequestMethod.POST,
					beanClass = WalletHandler.class, beanMethod = "adjust",
					operation = @Operation(operationId = "adjustBalance", tags = "wallet",
							summary = "Credit (positive amount) or debit (negative) a user's balance (admins)",
							description = "The balance change and its ledger entry in one transaction. A debit "
									+ "never takes the balance below zero (409 naming `balance`). 501 on a back-end "
									+ "without transactions.",
							security = @SecurityRequirement(name = BEARER),
							parameters = @Parameter(in = ParameterIn.PATH, name = "id"),
							requestBody = @RequestBody(required = true,
									content = @Content(schema = @Schema(implementation = NewAdjustment.class),
											examples = @ExampleObject(ADJUSTMENT))),
							responses = {
									@ApiResponse(responseCode = "201", description = "The ledger entry recorded",
											content = @Content(schema = @Schema(implementation = LedgerEntry.class),
													examples = @ExampleObject(LEDGER_ENTRY))),
									@ApiResponse(responseCode = "400", description = "Invalid amount or reason",
											content = @Content(mediaType = PROBLEM,
													schema = @Schema(implementation = Problem.class))),
									@ApiResponse(responseCode = "404", description = "No such user",
											content = @Content(mediaType = PROBLEM,
													schema = @Schema(implementation = Problem.class))),
									@ApiResponse(responseCode = "409", description = "A debit larger than the balance",
											content = @Content(mediaType = PROBLEM,
													schema = @Schema(implementation = Problem.class))),
									@ApiResponse(responseCode = "501", description = "The back-end has no transactions",
											content = @Content(mediaType = PROBLEM,
													schema = @Schema(implementation = Problem.class),
													examples = @ExampleObject(NO_TRANSACTIONS))) })),
			@RouterOperation(path = "/api/v1/users/{id}/ledger", method = RequestMethod.GET,
					beanClass = WalletHandler.class, beanMethod = "ledger",
					operation = @Operation(operationId = "userLedger",
							description = "Every change of a balance (adjustments, transfers, purchases, refunds), newest first, each with the balance it left, so the entries add up to the balance. Keyset pages; NDJSON when asked.",
							tags = "wallet",
							summary = "Every change of a user's balance, newest first, with the balance it left "
									+ "(yours; admins: anyone's)",
							security = @SecurityRequirement(name = BEARER),
							parameters = { @Parameter(in = ParameterIn.PATH, name = "id"),
									@Parameter(in = ParameterIn.QUERY, name = "limit",
											schema = @Schema(type = "integer", minimum = "1", maximum = "1000",
													defaultValue = "50")),
									@Parameter(in = ParameterIn.QUERY, name = "after",
											description = "Cursor from the previous page's Link header") },
							responses = { @ApiResponse(responseCode = "200",
									description = "A JSON array (or NDJSON); the next page is in Link: <...>; rel=\"next\"",
									content = @Content(
											array = @ArraySchema(schema = @Schema(implementation = LedgerEntry.class)),
											examples = @ExampleObject("[" + LEDGER_ENTRY + "]"))),
									@ApiResponse(responseCode = "404", description = "No such user, or not you",
											content = @Content(mediaType = PROBLEM,
													schema = @Schema(implementation = Problem.class))) })) })
	RouterFunction<ServerResponse> walletRoutes(WalletHandler handler) {
		return route()
			.path("/api/v1/transfers",
					(transfers) -> transfers.POST("", handler::transfer)
						.GET("", handler::listTransfers)
						.GET("/{id}", handler::getTransfer))
			.POST("/api/v1/users/{id}/balance/adjustments", handler::adjust)
			.GET("/api/v1/users/{id}/ledger", handler::ledger)
			.filter(Negotiation.JSON)
			.build();
	}

}
