package io.shopstream.platform.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Contact;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.security.SecuritySchemes;

import org.springframework.context.annotation.Configuration;

/** The OpenAPI description's title and the two ways to authenticate. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Shopstream API", version = "v1",
		description = "Reactive commerce on MongoDB. Errors are RFC 9457 problem documents; lists are "
				+ "keyset-paginated with the next page in a Link header; money is an exact decimal string.",
		contact = @Contact(name = "Shopstream", url = "https://shopstream.io")))
@SecuritySchemes({
		@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
				description = "The token from POST /api/v1/auth/login"),
		@SecurityScheme(name = "session-cookie", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE,
				paramName = "shopstream_session", description = "Honoured for GET and HEAD only") })
class OpenApiConfiguration {

}
