package io.shopstream.platform.mongo;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.shopstream.platform.mongo.embedded.EmbeddedMongoServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * A refused detection command is logged with its cause at WARN, and detection goes on
 * without it.
 */
class CapabilityDetectorTests {

	private final Logger logger = (Logger) LoggerFactory.getLogger(CapabilityDetector.class);

	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	private final MongoDatabase admin = mock(MongoDatabase.class);

	@BeforeEach
	void captureLog() {
		this.logged.start();
		this.logger.addAppender(this.logged);
	}

	@AfterEach
	void releaseLog() {
		this.logger.detachAppender(this.logged);
	}

	@Test
	void logs_why_hello_and_build_info_failed_and_judges_the_server_from_is_master() {
		answer("hello", Mono.error(new IllegalStateException("hello is not supported here")));
		answer("isMaster", Mono.just(new Document("maxWireVersion", 21).append("setName", "rs0")));
		answer("buildInfo", Mono.error(new IllegalStateException("buildInfo is not in API Version 1")));
		MongoClient client = mock(MongoClient.class);
		given(client.getDatabase("admin")).willReturn(this.admin);

		Capabilities capabilities = new CapabilityDetector(client, new OutsideStableApi(client, "shopstream", true))
			.detect()
			.block();

		assertThat(capabilities.topology()).isEqualTo("replica_set");
		assertThat(capabilities.serverVersion()).isEqualTo("wire version 21");
		List<ILoggingEvent> warnings = this.logged.list.stream()
			.filter((event) -> event.getLevel() == Level.WARN)
			.toList();
		assertThat(warnings).extracting((event) -> event.getThrowableProxy().getMessage())
			.containsExactly("hello is not supported here", "buildInfo is not in API Version 1");
	}

	@Test
	void judges_a_replica_set_from_hello_and_its_version_from_build_info_outside_the_stable_api() {
		answer("hello", Mono.just(new Document("maxWireVersion", 21).append("setName", "rs0")));
		answer("buildInfo", Mono.just(new Document("version", "7.0.14")));
		MongoClient strict = mock(MongoClient.class);
		given(strict.getDatabase("admin")).willReturn(this.admin);
		MongoClient outside = mock(MongoClient.class);
		given(outside.getDatabase("admin")).willReturn(this.admin);

		Capabilities capabilities = new CapabilityDetector(strict, new OutsideStableApi(outside, "shopstream", true))
			.detect()
			.block();

		assertThat(capabilities.serverVersion()).isEqualTo("7.0.14");
		assertThat(capabilities.available()).contains(Capability.TRANSACTIONS, Capability.CHANGE_STREAMS,
				Capability.TEXT_SEARCH, Capability.STABLE_API);
		then(outside).should().getDatabase("admin");
		assertThat(this.logged.list).noneMatch((event) -> event.getLevel() == Level.WARN);
	}

	@Test
	void a_standalone_server_older_than_7_0_without_strict_mode_is_said_so() {
		answer("hello", Mono.just(new Document("maxWireVersion", 17)));
		answer("buildInfo", Mono.just(new Document("version", "6.0.3")));
		MongoClient client = mock(MongoClient.class);
		given(client.getDatabase("admin")).willReturn(this.admin);

		Capabilities capabilities = new CapabilityDetector(client, new OutsideStableApi(client, "shopstream", false))
			.detect()
			.block();

		assertThat(capabilities.topology()).isEqualTo("standalone");
		assertThat(capabilities.available()).doesNotContain(Capability.TRANSACTIONS, Capability.CHANGE_STREAMS,
				Capability.STABLE_API);
		assertThat(this.logged.list).anyMatch((event) -> event.getLevel() == Level.WARN && event.getFormattedMessage()
			.equals("MongoDB 6.0.3 is older than 7.0, the oldest version Shopstream supports"));
	}

	@Test
	void recognises_the_embedded_back_end_from_its_build_info_wherever_it_runs() {
		answer("hello", Mono.just(new Document("maxWireVersion", 8)));
		answer("buildInfo",
				Mono.just(new Document("version", "3.6.0").append(EmbeddedMongoServer.BUILD_INFO_MARKER, true)));
		MongoClient client = mock(MongoClient.class);
		given(client.getDatabase("admin")).willReturn(this.admin);

		Capabilities capabilities = new CapabilityDetector(client, new OutsideStableApi(client, "shopstream", true))
			.detect()
			.block();

		assertThat(capabilities.backend()).isEqualTo("embedded");
		assertThat(capabilities.available()).containsExactlyInAnyOrder(Capability.CHANGE_STREAMS,
				Capability.STABLE_API);
		assertThat(this.logged.list).noneMatch((event) -> event.getLevel() == Level.WARN);
	}

	private void answer(String command, Mono<Document> answer) {
		given(this.admin.runCommand(argThat((Document sent) -> sent != null && sent.containsKey(command))))
			.willReturn(answer);
	}

}
