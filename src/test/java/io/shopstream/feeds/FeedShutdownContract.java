package io.shopstream.feeds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.shopstream.ShopstreamApplication;
import io.shopstream.support.SseClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.SignalType;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shutting the service down (what SIGTERM does) ends every open feed cleanly and
 * promptly, so EventSource clients reconnect elsewhere, and nothing is logged as an
 * error. The service under test is one the test starts and stops itself, on the back-end
 * its concrete class names: {@link FeedShutdownTests} (embedded) and
 * {@link FeedShutdownOnMongoDbTests} (a real MongoDB).
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class FeedShutdownContract {

	@Test
	void shutdown_ends_open_feeds_cleanly(CapturedOutput output) {
		List<String> arguments = new ArrayList<>(backEnd());
		arguments.add("--server.port=0");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ShopstreamApplication.class)
			.profiles("test")
			.run(arguments.toArray(String[]::new));
		int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
		AtomicReference<SignalType> ending = new AtomicReference<>();
		AtomicReference<Boolean> connected = new AtomicReference<>(false);
		new SseClient(port).events("/api/v1/feeds/inventory", null, null, null)
			.doOnNext((event) -> connected.set(true))
			.doFinally(ending::set)
			.subscribe((event) -> {
			}, (error) -> {
			});
		await().atMost(Duration.ofSeconds(10)).until(connected::get);

		long start = System.nanoTime();
		context.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> ending.get() != null);
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(ending.get()).isEqualTo(SignalType.ON_COMPLETE);
		assertThat(took).as("shutdown time with a feed open").isLessThan(Duration.ofSeconds(10));
		assertThat(output.getAll()).doesNotContain(" ERROR ");
	}

	/**
	 * The command-line arguments that put the service under test on the back-end under
	 * test.
	 */
	abstract List<String> backEnd();

}
