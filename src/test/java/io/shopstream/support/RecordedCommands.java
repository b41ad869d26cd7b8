package io.shopstream.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import io.shopstream.platform.mongo.schema.CollectionSchema;
import org.bson.BsonDocument;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records every command the driver sends while the service runs on the embedded back-end,
 * on both of its clients, and holds each one the server accepted against
 * {@link CommandRules}. A command the server refused is the server's finding, not a
 * broken rule. A test during which a broken rule was recorded fails, naming the command
 * and the rule; commands a test sends itself to scratch collections fall under no index
 * rule.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RecordedCommands implements CommandListener {

	private static final List<String> BROKEN = new CopyOnWriteArrayList<>();

	private final ObjectProvider<CollectionSchema> schemas;

	private final Map<Integer, BsonDocument> started = new ConcurrentHashMap<>();

	private volatile CommandRules rules;

	RecordedCommands(ObjectProvider<CollectionSchema> schemas) {
		this.schemas = schemas;
	}

	@Bean
	MongoClientSettingsBuilderCustomizer recordCommands() {
		return (settings) -> settings.addCommandListener(this);
	}

	@Override
	public void commandStarted(CommandStartedEvent event) {
		this.started.put(event.getRequestId(), event.getCommand().clone());
	}

	@Override
	public void commandSucceeded(CommandSucceededEvent event) {
		BsonDocument command = this.started.remove(event.getRequestId());
		if (command != null) {
			rules().check(event.getCommandName(), command)
				.forEach((rule) -> BROKEN.add(rule + " (" + event.getCommandName() + " " + shortened(command) + ")"));
		}
	}

	@Override
	public void commandFailed(CommandFailedEvent event) {
		this.started.remove(event.getRequestId());
	}

	private CommandRules rules() {
		if (this.rules == null) {
			this.rules = new CommandRules(this.schemas.orderedStream().toList());
		}
		return this.rules;
	}

	private static String shortened(BsonDocument command) {
		String json = command.toJson();
		return (json.length() > 600) ? json.substring(0, 600) + "…" : json;
	}

	/**
	 * Fails a test during which the service sent a command that breaks a rule. Registered
	 * on every test that runs the service.
	 */
	public static final class Check implements BeforeEachCallback, AfterEachCallback {

		private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
			.create(RecordedCommands.class);

		@Override
		public void beforeEach(ExtensionContext context) {
			context.getStore(NAMESPACE).put("from", BROKEN.size());
		}

		@Override
		public void afterEach(ExtensionContext context) {
			int from = context.getStore(NAMESPACE).get("from", Integer.class);
			List<String> found = List.copyOf(BROKEN.subList(from, BROKEN.size()));
			if (!found.isEmpty()) {
				throw new AssertionError("MongoDB commands sent during this test break MongoDB 7.0's rules:\n  "
						+ String.join("\n  ", found));
			}
		}

	}

}
