package io.shopstream.platform.logging;

import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.core.log.LogMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commons Logging, as Spring logs through it, reaches Logback through
 * {@link LevelCheckingLogFactory}: a message for a disabled level is never turned into
 * text, an enabled one is logged once, under the caller's own location.
 */
class LevelCheckingLogFactoryTests {

	private static final String NAME = "io.shopstream.platform.logging.example";

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {

		@Override
		protected void append(ILoggingEvent event) {
			// where the line was logged from is found from the stack while logging
			event.getCallerData();
			super.append(event);
		}

	};

	private Logger logback;

	@BeforeEach
	void capture() {
		this.logback = (Logger) LoggerFactory.getLogger(NAME);
		this.logback.setLevel(Level.INFO);
		this.appender.start();
		this.logback.addAppender(this.appender);
	}

	@AfterEach
	void release() {
		this.logback.detachAppender(this.appender);
		this.logback.setLevel(null);
	}

	@Test
	void commons_logging_finds_the_factory_from_its_service_file() {
		assertThat(LogFactory.getFactory()).isInstanceOf(LevelCheckingLogFactory.class);
		assertThat(LogFactory.getLog(NAME)).isInstanceOf(LevelCheckingLog.class);
	}

	@Test
	void a_message_for_a_disabled_level_is_never_formatted() {
		AtomicInteger formatted = new AtomicInteger();
		Log log = LogFactory.getLog(NAME);

		log.debug(LogMessage.of(() -> "matched " + formatted.incrementAndGet()));
		log.trace(LogMessage.of(() -> "matched " + formatted.incrementAndGet()), new IllegalStateException());

		assertThat(formatted).hasValue(0);
		assertThat(this.appender.list).isEmpty();
	}

	@Test
	void a_message_for_an_enabled_level_is_logged_once_from_the_callers_line() {
		AtomicInteger formatted = new AtomicInteger();
		Log log = LogFactory.getLog(NAME);

		log.warn(LogMessage.of(() -> "stock is low " + formatted.incrementAndGet()));
		log.fatal("gone", new IllegalStateException("boom"));

		assertThat(formatted).hasValue(1);
		assertThat(this.appender.list).extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly("stock is low 1", "gone");
		assertThat(this.appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.ERROR);
		assertThat(this.appender.list.get(1).getThrowableProxy().getMessage()).isEqualTo("boom");
		assertThat(this.appender.list.get(0).getCallerData()[0].getClassName())
			.isEqualTo(LevelCheckingLogFactoryTests.class.getName());
	}

}
