package io.shopstream.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole service on a random port against the embedded back-end, driven over HTTP with
 * {@code WebTestClient}. Every command the service sends is held against MongoDB 7.0's
 * rules ({@link RecordedCommands}); a test during which one breaks them fails.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("test")
@Import({ FreshConnections.class, RecordedCommands.class, ApiContract.class })
@ExtendWith({ RecordedCommands.Check.class, ApiContract.Check.class })
public @interface EmbeddedApiTest {

}
