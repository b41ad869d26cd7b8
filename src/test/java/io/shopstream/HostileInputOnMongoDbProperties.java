package io.shopstream;

import io.shopstream.support.RealMongoAvailable;
import io.shopstream.support.RealMongoAvailableHook;
import io.shopstream.support.RealMongoContainer;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Hostile input at every endpoint, on a real MongoDB: the server named by
 * {@code -Dshopstream.test.mongodb-uri=...}, or else the {@code mongo:7.0} replica set of
 * {@link RealMongoContainer}, which the service starts and stops with itself.
 * {@code @MongoDbApiTest} is JUnit Jupiter's and does not reach jqwik, so its two parts
 * are spelled out here: the {@code mongodb} tag, and {@link RealMongoAvailableHook},
 * which skips or fails these properties on the same terms.
 */
@Tag("mongodb")
@AddLifecycleHook(RealMongoAvailableHook.class)
class HostileInputOnMongoDbProperties extends HostileInputContract {

	@BeforeContainer
	static void startService() {
		start(new SpringApplicationBuilder(ShopstreamApplication.class, RealMongoContainer.class),
				"--spring.mongodb.uri=${" + RealMongoAvailable.URI_PROPERTY + ":}");
	}

	@AfterContainer
	static void stopService() {
		stop();
	}

}
