package io.shopstream.platform.security;

import java.time.Clock;
import java.util.List;

import io.shopstream.platform.web.CorrelationId;
import io.shopstream.platform.web.ProblemHandler;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Stateless token security for the whole service. No server-side web session, no CSRF
 * token: state-changing requests must carry the bearer header, which a forged cross-site
 * request cannot add, and the session cookie is only honoured for GET and HEAD. Failures
 * are problem documents. One authentication filter serves both kinds of bearer token:
 * Shopstream's opaque sessions and, when an issuer is configured, that issuer's JWTs.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

	/**
	 * Ready for the static pages to come: same-origin scripts and styles only, no
	 * framing.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "frame-ancestors 'none'; form-action 'self'";

	/** Exists only when {@code shopstream.security.jwt.issuer-uri} is set. */
	@Bean
	@Conditional(IssuerTokens.Configured.class)
	IssuerTokens issuerTokens(JwtProperties properties, EmailAuthenticator accounts, Clock clock) {
		return new IssuerTokens(properties, accounts, clock);
	}

	/**
	 * Sign-ins and access decisions are observed; the filter chain itself is not.
	 * Observing it wraps every security filter of every request in an observation that
	 * lives as long as the response, which for a live feed is as long as the browser
	 * keeps it open.
	 */
	@Bean
	SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
	}

	@Bean
	SecurityWebFilterChain shopstreamSecurity(ServerHttpSecurity http, SessionAuthenticator sessions,
			ObjectProvider<IssuerTokens> issuerTokens, SecurityProperties properties, List<AccessRules> featureRules,
			ProblemHandler problems) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.addFilterAt(authentication(sessions, issuerTokens.getIfAvailable(), properties, problems),
					SecurityWebFiltersOrder.AUTHENTICATION)
			.authorizeExchange((exchanges) -> {
				exchanges.pathMatchers(HttpMethod.OPTIONS).permitAll();
				exchanges
					.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
					.permitAll();
				exchanges.pathMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
						"/swagger-ui/**", "/webjars/**", "/api/v1/capabilities", "/", "/index.html", "/dashboard/**")
					.permitAll();
				featureRules.forEach((rules) -> rules.configure(exchanges));
				exchanges.anyExchange().authenticated();
			})
			.exceptionHandling(
					(handling) -> handling.authenticationEntryPoint((exchange, ex) -> problems.handle(exchange, ex))
						.accessDeniedHandler((exchange, ex) -> problems.handle(exchange, ex)))
			.headers((headers) -> headers.contentTypeOptions((options) -> {
			})
				.frameOptions((frames) -> frames.mode(Mode.DENY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
			.cors((cors) -> {
				if (properties.corsAllowedOrigins().isEmpty()) {
					cors.disable();
				}
				else {
					cors.configurationSource(corsSource(properties.corsAllowedOrigins()));
				}
			})
			.build();
	}

	private static AuthenticationWebFilter authentication(SessionAuthenticator sessions, IssuerTokens jwts,
			SecurityProperties properties, ProblemHandler problems) {
		ReactiveAuthenticationManager manager = (presented) -> {
			String token = (String) presented.getCredentials();
			Mono<Caller> caller = ((BearerToken) presented).isJwt() ? jwts.authenticate(token)
					: sessions.authenticate(token);
			return caller.switchIfEmpty(Mono.error(() -> new BadCredentialsException("unknown or expired token")))
				.map(CallerAuthentication::new);
		};
		AuthenticationWebFilter filter = new AuthenticationWebFilter(manager);
		filter.setServerAuthenticationConverter(new TokenConverter(properties.cookieName(), jwts != null));
		filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
		filter.setAuthenticationFailureHandler((exchange, ex) -> problems.handle(exchange.getExchange(), ex));
		return filter;
	}

	private static UrlBasedCorsConfigurationSource corsSource(List<String> origins) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(origins);
		cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
		cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
				"Last-Event-ID", CorrelationId.HEADER));
		cors.setExposedHeaders(List.of(HttpHeaders.LINK, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER, "RateLimit",
				"RateLimit-Policy", CorrelationId.HEADER));
		cors.setAllowCredentials(true);
		cors.setMaxAge(3600L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", cors);
		return source;
	}

}
