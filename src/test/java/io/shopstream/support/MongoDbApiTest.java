package io.shopstream.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole service on a random port against a real MongoDB: the server named by
 * {@code -Dshopstream.test.mongodb-uri=...}, or else a {@code mongo:7.0} replica set
 * started by Testcontainers. Skipped, with one line saying so, where there is neither a
 * URI nor Docker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("mongodb")
@ExtendWith({ RealMongoAvailable.class, ApiContract.Check.class })
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("test")
@Import({ RealMongoContainer.class, FreshConnections.class, ApiContract.class })
@TestPropertySource(properties = "spring.mongodb.uri=${" + RealMongoAvailable.URI_PROPERTY + ":}")
public @interface MongoDbApiTest {

}
