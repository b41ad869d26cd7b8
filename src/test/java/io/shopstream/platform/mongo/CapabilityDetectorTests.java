package io.shopstream.platform.mongo;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.given;
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

		Capabilities capabilities = new CapabilityDetector(client, null).detect().block();

		assertThat(capabilities.topology()).isEqualTo("replica_set");
		assertThat(capabilities.serverVersion()).isEqualTo("wire version 21");
		List<ILoggingEvent> warnings = this.logged.list.stream()
			.filter((event) -> event.getLevel() == Level.WARN)
			.toList();
		assertThat(warnings).extracting((event) -> event.getThrowableProxy().getMessage())
			.containsExactly("hello is not supported here", "buildInfo is not in API Version 1");
	}

	private void answer(String command, Mono<Document> answer) {
		given(this.admin.runCommand(argThat((Document sent) -> sent != null && sent.containsKey(command))))
			.willReturn(answer);
	}

}
