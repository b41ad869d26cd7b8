package io.shopstream.platform.web;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.DateTimeSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What makes the served OpenAPI document say what the service does, for every operation
 * at once, so each router declares only what is its own:
 * <ul>
 * <li>field names in snake_case, as every body is written (springdoc's model resolver
 * otherwise reads the records' Java names);</li>
 * <li>money ({@link BigDecimal}) as a {@code string} of decimal digits
 * ({@code format: decimal}), as the service sends it: a client must not parse it into a
 * binary float;</li>
 * <li>the parameters every feature shares (ids, page cursors and limits, date ranges,
 * skus, currencies, the feed's resume id) with their schemas, where a router left them
 * out;</li>
 * <li>JSON as the media type of every body springdoc could only call {@code *}{@code /*},
 * no body on a 204, and every tag described.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentRules {

	/** An ObjectId in its 24-hex form. */
	static final String OBJECT_ID = "^[0-9a-fA-F]{24}$";

	/** A decimal amount as the service writes and reads it. */
	static final String DECIMAL = "^-?\\d{1,15}(\\.\\d{1,6})?$";

	private static final String JSON = "application/json";

	private static final String NDJSON = "application/x-ndjson";

	private static final String PROBLEM = "application/problem+json";

	private static final String BEARER = "bearer";

	private static final String SESSION_COOKIE = "session-cookie";

	private static final Map<String, String> TAGS = tags();

	static {
		SpringDocUtils.getConfig()
			.replaceWithSchema(BigDecimal.class,
					new StringSchema().format("decimal")
						.pattern(DECIMAL)
						.description("An exact decimal amount, written as a string"));
	}

	@Bean
	ModelResolver snakeCaseModels() {
		return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
	}

	@Bean
	OpenApiCustomizer apiDocumentRulesCustomizer() {
		return (api) -> {
			TAGS.forEach((name, description) -> api.addTagsItem(new Tag().name(name).description(description)));
			if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
				api.getComponents().getSchemas().remove("ServerResponse");
				api.getComponents().getSchemas().values().forEach(ApiDocumentRules::anyValueInFreeFormMaps);
			}
			if (api.getPaths() != null) {
				api.getPaths().values().forEach((path) -> {
					path.readOperations().forEach(ApiDocumentRules::completeOperation);
					if (path.getGet() != null) {
						cookieForReads(path.getGet());
					}
				});
			}
		};
	}

	/**
	 * A {@code Map<String, Object>} property (free-form attributes, metadata) takes any
	 * JSON value, not only objects as springdoc writes it.
	 */
	@SuppressWarnings("rawtypes")
	private static void anyValueInFreeFormMaps(Schema component) {
		if (component.getProperties() == null) {
			return;
		}
		for (Object property : component.getProperties().values()) {
			if (property instanceof Schema map && map.getAdditionalProperties() instanceof Schema values
					&& "object".equals(values.getType()) && values.getProperties() == null
					&& values.get$ref() == null) {
				map.setAdditionalProperties(new Schema<>());
			}
		}
	}

	private static void completeOperation(Operation operation) {
		if (operation.getParameters() != null) {
			operation.getParameters().forEach(ApiDocumentRules::completeParameter);
		}
		if (operation.getRequestBody() != null) {
			jsonInsteadOfAnything(operation.getRequestBody().getContent());
		}
		if (operation.getResponses() == null) {
			operation.setResponses(new ApiResponses());
		}
		operation.getResponses().forEach((status, response) -> completeResponse(status, response));
		addRefusals(operation);
	}

	/**
	 * A read that takes the bearer token takes the session cookie too: the cookie counts
	 * for GET and HEAD.
	 */
	private static void cookieForReads(Operation read) {
		if (read.getSecurity() != null && read.getSecurity().stream().anyMatch((rule) -> rule.containsKey(BEARER))
				&& read.getSecurity().stream().noneMatch((rule) -> rule.containsKey(SESSION_COOKIE))) {
			read.addSecurityItem(new SecurityRequirement().addList(SESSION_COOKIE));
		}
	}

	/**
	 * The refusals the platform gives on any route, and those that follow from what the
	 * operation takes, each a problem document: added where the router did not describe
	 * them itself.
	 */
	private static void addRefusals(Operation operation) {
		ApiResponses responses = operation.getResponses();
		refusal(responses, "400", "Invalid parameters, headers or body; the problem lists the fields at fault");
		refusal(responses, "401", "Missing, invalid or expired credentials where they are needed, or sent and wrong");
		boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
		if (secured) {
			refusal(responses, "403", "Your role does not allow this request");
		}
		boolean pathParameters = operation.getParameters() != null
				&& operation.getParameters().stream().anyMatch((parameter) -> "path".equals(parameter.getIn()));
		if (pathParameters) {
			refusal(responses, "404", "No such resource, or not yours to see");
		}
		refusal(responses, "406", "None of the accepted media types can be produced");
		if (operation.getRequestBody() != null) {
			refusal(responses, "413", "The body is larger than the configured limit");
			refusal(responses, "415", "The body's media type is not one this operation reads");
		}
		refusal(responses, "429", "Too many requests from this client; see Retry-After");
		refusal(responses, "500", "Shopstream failed; quote the correlation id when reporting it");
		refusal(responses, "503", "This instance cannot take the request now; see Retry-After");
	}

	private static void refusal(ApiResponses responses, String status, String description) {
		if (!responses.containsKey(status)) {
			responses.addApiResponse(status,
					new ApiResponse().description(description)
						.content(new Content().addMediaType(PROBLEM,
								new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")))));
		}
	}

	private static void completeResponse(String status, ApiResponse response) {
		if ("204".equals(status)) {
			response.setContent(null);
			if (response.getDescription() == null || response.getDescription().isEmpty()) {
				response.setDescription("Done; no body");
			}
			return;
		}
		jsonInsteadOfAnything(response.getContent());
		ndjsonForLists(response.getContent());
		if (response.getDescription() == null || response.getDescription().isEmpty()) {
			response.setDescription("OK");
		}
	}

	/**
	 * A list answers NDJSON too, one item per line, when the client asks for it
	 * ({@code ListResponses}).
	 */
	@SuppressWarnings("rawtypes")
	private static void ndjsonForLists(Content content) {
		if (content != null && content.get(JSON) != null && content.get(JSON).getSchema() != null
				&& content.get(JSON).getSchema().getItems() != null) {
			Schema item = content.get(JSON).getSchema().getItems();
			content.putIfAbsent(NDJSON, new MediaType().schema(item));
		}
	}

	private static void jsonInsteadOfAnything(Content content) {
		if (content != null && content.containsKey("*/*")) {
			MediaType any = content.remove("*/*");
			content.putIfAbsent(JSON, any);
		}
	}

	/** Gives a shared parameter its schema when its router gave it none. */
	@SuppressWarnings("rawtypes")
	private static void completeParameter(Parameter parameter) {
		if (parameter.getSchema() != null || parameter.getContent() != null) {
			return;
		}
		Schema schema = switch (parameter.getName()) {
			case "id", "user_id", "user" -> new StringSchema().pattern(OBJECT_ID).example("665f1c2e8b3e4a1d2c3b4a59");
			case "after", "last_event_id", "Last-Event-ID" -> new StringSchema().minLength(1).maxLength(2048);
			case "limit" -> new IntegerSchema().minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(1000))._default(50);
			case "from", "to" -> new DateTimeSchema();
			case "sku" -> new StringSchema().minLength(1).maxLength(64);
			case "currency" -> new StringSchema().pattern("^[A-Z]{3}$")._default("USD");
			default -> null;
		};
		parameter.setSchema(schema);
	}

	private static Map<String, String> tags() {
		Map<String, String> tags = new LinkedHashMap<>();
		for (List<String> tag : List.of(List.of("auth", "Registration, sign-in and sessions"),
				List.of("users", "Accounts, read and changed by their owners and admins"),
				List.of("products", "The catalogue: public reads, admin writes, bulk import, search and views"),
				List.of("inventory", "Stock on hand, reserved and available, per sku"),
				List.of("orders", "Placement with stock reservation, the status lifecycle, reads and export"),
				List.of("stores", "Stores and geo queries"),
				List.of("wallet", "Balances, transfers between users and their ledger"),
				List.of("analytics", "Sales, customer and monthly reports (admins)"),
				List.of("admin", "Indexes and query plans (admins)"),
				List.of("feeds", "Live change feeds as Server-Sent Events"),
				List.of("meta", "What the connected back-end can do"))) {
			tags.put(tag.get(0), tag.get(1));
		}
		return tags;
	}

}
