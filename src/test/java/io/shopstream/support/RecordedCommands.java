package io.shopstream.support;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import org.springframework.beans.factory.SmartInitializingSingleton;
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
 * <p>
 * The rules need the schema beans, which are not looked up on the driver's event-loop
 * threads: a lookup there could wait on the context's singleton lock while the context is
 * still being built (and BlockHound fails such a wait, which the driver then takes for
 * the command's failure). Commands answered before every singleton exists wait in a queue
 * and are checked once the rules are built, on the thread that builds the context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RecordedCommands implements CommandListener, SmartInitializingSingleton {

	private static final List<String> BROKEN = new CopyOnWriteArrayList<>();

	private final ObjectProvider<CollectionSchema> schemas;

	private final Map<Integer, BsonDocument> started = new ConcurrentHashMap<>();

	private final Queue<Answered> pending = new ConcurrentLinkedQueue<>();

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
		if (command == null) {
			return;
		}
		CommandRules known = this.rules;
		if (known != null) {
			check(known, new Answered(event.getCommandName(), command));
			return;
		}
		this.pending.add(new Answered(event.getCommandName(), command));
		if (this.rules != null) {
			drainPending();
		}
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.rules = new CommandRules(this.schemas.orderedStream().toList());
		drainPending();
	}

	private void drainPending() {
		for (Answered answered = this.pending.poll(); answered != null; answered = this.pending.poll()) {
			check(this.rules, answered);
		}
	}

	private static void check(CommandRules rules, Answered answered) {
		rules.check(answered.name(), answered.command())
			.forEach((rule) -> BROKEN.add(rule + " (" + answered.name() + " " + shortened(answered.command()) + ")"));
	}

	@Override
	public void commandFailed(CommandFailedEvent event) {
		this.started.remove(event.getRequestId());
	}

	private static String shortened(BsonDocument command) {
		String json = command.toJson();
		return (json.length() > 600) ? json.substring(0, 600) + "…" : json;
	}

	/** A command and its name, as the server accepted it. */
	private record Answered(String name, BsonDocument command) {
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
