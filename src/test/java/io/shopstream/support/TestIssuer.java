package io.shopstream.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenID Connect issuer inside the test JVM: its discovery document and key set are
 * served over HTTP on a free loopback port, and it signs tokens with its own RSA key
 * (RS256).
 */
public final class TestIssuer implements AutoCloseable {

	/** The audience the tests configure Shopstream with. */
	public static final String AUDIENCE = "shopstream-test";

	private final RSAKey key = newKey("issuer-key-1");

	private final HttpServer server;

	private final String uri;

	private final AtomicInteger requests = new AtomicInteger();

	private volatile boolean keysUnavailable;

	private TestIssuer() throws IOException {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		this.server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
		this.uri = "http://" + loopback.getHostAddress() + ":" + this.server.getAddress().getPort() + "/issuer";
		this.server.createContext("/issuer/.well-known/openid-configuration", (exchange) -> {
			this.requests.incrementAndGet();
			respond(exchange, 200, """
					{"issuer": "%s", "jwks_uri": "%s/jwks", "id_token_signing_alg_values_supported": ["RS256"],
					 "response_types_supported": ["code"], "subject_types_supported": ["public"]}""".formatted(this.uri,
					this.uri));
		});
		this.server.createContext("/issuer/jwks", (exchange) -> {
			this.requests.incrementAndGet();
			if (this.keysUnavailable) {
				respond(exchange, 503, "{}");
			}
			else {
				respond(exchange, 200, new JWKSet(this.key.toPublicJWK()).toString());
			}
		});
		this.server.start();
	}

	public static TestIssuer start() {
		try {
			return new TestIssuer();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The issuer identifier, as tokens carry it in {@code iss}. */
	public String uri() {
		return this.uri;
	}

	/** A fresh RSA key, not known to the issuer. */
	public static RSAKey newKey(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Claims of a good token for this email: this issuer, Shopstream's audience, five
	 * minutes to live.
	 */
	public JWTClaimsSet.Builder claims(String email) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(this.uri)
			.audience(AUDIENCE)
			.subject("subject-" + email)
			.claim("email", email)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)));
	}

	/** Signed with the issuer's published key. */
	public String sign(JWTClaimsSet.Builder claims) {
		return sign(claims, this.key);
	}

	/** Signed RS256 with any key, named by its key id. */
	public static String sign(JWTClaimsSet.Builder claims, RSAKey key) {
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
					claims.build());
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The key-confusion forgery: HS256, with the issuer's public key bytes as the shared
	 * secret.
	 */
	public String signHs256WithPublicKey(JWTClaimsSet.Builder claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(this.key.getKeyID())
				.type(JOSEObjectType.JWT)
				.build(), claims.build());
			jwt.sign(new MACSigner(this.key.toRSAPublicKey().getEncoded()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An unsecured JWT: {@code alg: none} and an empty signature. */
	public static String unsigned(JWTClaimsSet.Builder claims) {
		return new PlainJWT(claims.build()).serialize();
	}

	/** Makes the key set endpoint fail with 503 (or work again). */
	public void keysUnavailable(boolean unavailable) {
		this.keysUnavailable = unavailable;
	}

	/** Requests the issuer has answered: discovery and key set. */
	public int requests() {
		return this.requests.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

}
