package io.shopstream.platform.mongo;

import java.time.Duration;

import com.mongodb.reactivestreams.client.MongoClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Detects the back-end's capabilities once, at start-up, and publishes them in
 * /actuator/info.
 */
@Configuration(proxyBeanMethods = false)
class CapabilitiesConfiguration {

	private static final Logger log = LoggerFactory.getLogger(CapabilitiesConfiguration.class);

	/**
	 * Detection runs on the main thread during start-up, before any request is served.
	 */
	@Bean
	Capabilities capabilities(MongoClient client, MongoClientProperties properties, OutsideStableApi outsideStableApi) {
		Duration timeout = properties.serverSelectionTimeout().plusSeconds(10);
		Capabilities capabilities = new CapabilityDetector(client, outsideStableApi).detect()
			.blockOptional(timeout)
			.orElseThrow();
		log.info("MongoDB back-end: {} {} ({}), capabilities {}", capabilities.backend(), capabilities.serverVersion(),
				capabilities.topology(), capabilities.available());
		return capabilities;
	}

	@Bean
	InfoContributor capabilitiesInfoContributor(Capabilities capabilities) {
		return (info) -> info.withDetail("mongodb", capabilities.describe());
	}

}
