package io.shopstream.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Verifies JWTs from the configured issuer and finds the Shopstream account each speaks
 * for. Only RS256 signatures by the issuer's published keys, from that issuer, for
 * Shopstream's audience, unexpired. The issuer's discovery document and key set are
 * fetched without blocking, on the first token, not at start-up, and the keys are fetched
 * again when a token names a key not seen yet (key rotation).
 *
 * <p>
 * The token can lower a caller's role, never raise it: admin needs the admin role both in
 * Shopstream and in the token; anyone else is what their account says. So the issuer
 * decides who may use admin rights in a given sign-in, and Shopstream's admins decide who
 * has them.
 */
final class IssuerTokens {

	private static final Logger log = LoggerFactory.getLogger(IssuerTokens.class);

	static final String ISSUER_URI_PROPERTY = "shopstream.security.jwt.issuer-uri";

	/**
	 * Longest wait for the issuer's discovery document or key set; the token is refused
	 * after it.
	 */
	private static final Duration ISSUER_TIMEOUT = Duration.ofSeconds(5);

	private static final String EMAIL = "email";

	private static final String EMAIL_VERIFIED = "email_verified";

	private final ReactiveJwtDecoder decoder;

	private final JwtProperties properties;

	private final EmailAuthenticator accounts;

	IssuerTokens(JwtProperties properties, EmailAuthenticator accounts, Clock clock) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withIssuerLocation(properties.issuerUri())
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.validateType(false)
			.webClient(issuerClient())
			.build();
		decoder.setJwtValidator(validator(properties, clock));
		this.decoder = decoder;
		this.properties = properties;
		this.accounts = accounts;
	}

	/**
	 * The caller a token speaks for; empty or an error when it is refused, whatever the
	 * reason.
	 */
	Mono<Caller> authenticate(String token) {
		return Mono.defer(() -> this.decoder.decode(token)).onErrorMap(IssuerTokens::refusal).flatMap(this::caller);
	}

	private Mono<Caller> caller(Jwt jwt) {
		if (!(jwt.getClaims().get(this.properties.userClaim()) instanceof String email) || email.isBlank()) {
			return Mono.empty();
		}
		if (EMAIL.equals(this.properties.userClaim()) && !verified(jwt.getClaims().get(EMAIL_VERIFIED))) {
			return Mono.empty();
		}
		boolean adminInToken = roles(jwt).contains(this.properties.adminRole());
		return this.accounts.authenticate(email)
			.map((stored) -> (stored.isAdmin() && !adminInToken) ? new Caller(stored.userId(), "user") : stored);
	}

	/**
	 * An issuer that says the address is unverified is believed; one that says nothing is
	 * trusted.
	 */
	private static boolean verified(Object claim) {
		return claim == null || Boolean.TRUE.equals(claim) || "true".equals(claim);
	}

	/**
	 * The roles claim as a list: an array of strings, or one string of space-separated
	 * roles.
	 */
	private List<String> roles(Jwt jwt) {
		Object claim = jwt.getClaims().get(this.properties.rolesClaim());
		if (claim instanceof String value) {
			return Arrays.asList(value.trim().split("\\s+"));
		}
		if (claim instanceof Collection<?> values) {
			return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
		}
		return List.of();
	}

	private static OAuth2TokenValidator<Jwt> validator(JwtProperties properties, Clock clock) {
		JwtTimestampValidator lifetime = new JwtTimestampValidator();
		lifetime.setClock(clock);
		lifetime.setAllowEmptyExpiryClaim(false);
		// Plain JWTs and RFC 9068 access tokens; an absent typ is what most issuers send.
		JwtTypeValidator type = new JwtTypeValidator("JWT", "at+jwt", "application/at+jwt");
		type.setAllowEmpty(true);
		return JwtValidators.createDefaultWithValidators(type, lifetime, new JwtIssuerValidator(properties.issuerUri()),
				new JwtAudienceValidator(properties.audience()));
	}

	private static WebClient issuerClient() {
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) ISSUER_TIMEOUT.toMillis())
			.responseTimeout(ISSUER_TIMEOUT);
		return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
	}

	/**
	 * Every refusal becomes the same bad-credentials failure as an unknown session, so
	 * the client learns nothing from the decoder. Only a failure to reach the issuer is
	 * logged: that one is the operator's to fix.
	 */
	private static AuthenticationException refusal(Throwable ex) {
		if (!(ex instanceof BadJwtException)) {
			log.warn("A JWT was refused because it could not be checked against the issuer: {}",
					NestedExceptionUtils.getMostSpecificCause(ex).toString());
		}
		return new BadCredentialsException("JWT refused");
	}

	/**
	 * True when an issuer is configured; without one, no JWT machinery is created at all.
	 */
	static final class Configured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return StringUtils.hasText(context.getEnvironment().getProperty(ISSUER_URI_PROPERTY));
		}

	}

}
