package io.shopstream;

import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.springframework.boot.builder.SpringApplicationBuilder;

/** Hostile input at every endpoint, on the embedded back-end. */
class HostileInputProperties extends HostileInputContract {

	@BeforeContainer
	static void startService() {
		start(new SpringApplicationBuilder(ShopstreamApplication.class));
	}

	@AfterContainer
	static void stopService() {
		stop();
	}

}
