package io.shopstream.feeds;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.shopstream.inventory.InventoryItem;
import io.shopstream.inventory.InventorySchema;
import io.shopstream.orders.Order;
import io.shopstream.orders.OrderSchema;
import io.shopstream.orders.OrderStatus;
import io.shopstream.platform.security.Caller;
import io.shopstream.platform.web.InvalidRequestException;
import io.shopstream.users.Role;
import io.shopstream.users.UserSchema;
import io.shopstream.users.UserStatus;
import io.shopstream.users.UserView;
import org.bson.Document;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;

/**
 * The three feeds and their rules: who may subscribe, which events each subscriber may
 * see, which filters it may ask for, and what the change stream removes at the source.
 * Who may subscribe is declared here and nowhere else: {@link FeedAccessRules} turns it
 * into the path rules, and {@link #authorize} holds the handler to the same declaration.
 */
enum Feed {

	/**
	 * Admins only; password material is projected out in the change stream itself, so it
	 * never leaves MongoDB: from the looked-up document, from a pre-image should one ever
	 * be asked for, and from an update's {@code updateDescription.updatedFields}, where a
	 * real server puts the new hash of a password change (the manual's "Change Events":
	 * update events carry the changed fields' new values).
	 */
	users(UserSchema.COLLECTION, Readers.ADMINS, Map.of("status", UserStatus.class, "role", Role.class)) {
		@Override
		List<Document> pipeline() {
			Document hidden = new Document();
			for (String place : SECRET_PLACES) {
				hidden.append(place + "." + SECRET_FIELD, 0);
			}
			return List.of(new Document("$project", hidden));
		}

		@Override
		boolean accepts(FeedSubscriber subscriber, FeedEvent event) {
			if (!(event.view() instanceof UserView user)) {
				return subscriber.filter().isEmpty();
			}
			FeedFilter filter = subscriber.filter();
			return filter.get("status").map((status) -> status.equals(nameOf(user.status()))).orElse(true)
					&& filter.get("role").map((role) -> role.equals(nameOf(user.role()))).orElse(true);
		}
	},

	/** A user sees exactly their own orders; admins see all. */
	orders(OrderSchema.COLLECTION, Readers.SIGNED_IN, Map.of("status", OrderStatus.class)) {
		@Override
		boolean accepts(FeedSubscriber subscriber, FeedEvent event) {
			Caller caller = subscriber.caller();
			if (!(event.view() instanceof Order order) || order.user() == null) {
				return caller.isAdmin() && subscriber.filter().isEmpty();
			}
			return caller.mayActFor(order.user().id()) && subscriber.filter()
				.get("status")
				.map((status) -> status.equals(nameOf(order.status())))
				.orElse(true);
		}
	},

	/** Public. */
	inventory(InventorySchema.COLLECTION, Readers.EVERYONE,
			Map.of("sku", String.class, "below_reorder_point", Boolean.class)) {
		@Override
		boolean accepts(FeedSubscriber subscriber, FeedEvent event) {
			if (!(event.view() instanceof InventoryItem item)) {
				return subscriber.filter().isEmpty();
			}
			FeedFilter filter = subscriber.filter();
			return filter.get("sku").map((sku) -> sku.equals(item.sku())).orElse(true)
					&& filter.get("below_reorder_point")
						.map((below) -> !Boolean.parseBoolean(below) || item.belowReorderPoint())
						.orElse(true);
		}
	};

	/** Who may subscribe to a feed. */
	enum Readers {

		EVERYONE, SIGNED_IN, ADMINS

	}

	/** Where the feeds are served; each one at this prefix followed by its name. */
	static final String PATH_PREFIX = "/api/v1/feeds/";

	/**
	 * The query parameter of a resume point, for clients that cannot send Last-Event-ID.
	 */
	static final String LAST_EVENT_ID = "last_event_id";

	/**
	 * The query parameter that asks for heartbeats as events ({@code events}) rather than
	 * comments ({@code comments}, the default).
	 */
	static final String HEARTBEATS = "heartbeats";

	/** The users' field that never leaves MongoDB in a change event. */
	static final String SECRET_FIELD = "password_hash";

	/** Where a change event can carry a user's fields. */
	static final List<String> SECRET_PLACES = List.of("fullDocument", "fullDocumentBeforeChange",
			"updateDescription.updatedFields");

	private final String collection;

	private final Readers readers;

	private final Map<String, Class<?>> filters;

	Feed(String collection, Readers readers, Map<String, Class<?>> filters) {
		this.collection = collection;
		this.readers = readers;
		this.filters = filters;
	}

	String collection() {
		return this.collection;
	}

	Readers readers() {
		return this.readers;
	}

	String path() {
		return PATH_PREFIX + name();
	}

	/** Throws 401 or 403 when the caller may not subscribe. */
	void authorize(Optional<Caller> caller) {
		if (this.readers == Readers.EVERYONE) {
			return;
		}
		Caller who = caller.orElseThrow(() -> new AuthenticationCredentialsNotFoundException("anonymous"));
		if (this.readers == Readers.ADMINS && !who.isAdmin()) {
			throw new AccessDeniedException("the " + name() + " feed is for admins");
		}
	}

	/** Whether this subscriber may see this event and asked for it. */
	abstract boolean accepts(FeedSubscriber subscriber, FeedEvent event);

	/**
	 * Stages appended to the change stream: what must never leave is removed at the
	 * source.
	 */
	List<Document> pipeline() {
		return List.of();
	}

	Set<String> parameters() {
		Set<String> names = new HashSet<>(this.filters.keySet());
		names.add(LAST_EVENT_ID);
		names.add(HEARTBEATS);
		return names;
	}

	/**
	 * Validates the filter values; an unknown one was already refused by the whitelist.
	 */
	FeedFilter filter(Map<String, String> given) {
		Map<String, String> values = new LinkedHashMap<>();
		given.forEach((name, value) -> {
			Class<?> type = this.filters.get(name);
			if (type == null) {
				return;
			}
			if (type.isEnum() && Arrays.stream(type.getEnumConstants()).noneMatch((c) -> c.toString().equals(value))) {
				throw InvalidRequestException.forField(name,
						"must be one of " + Arrays.toString(type.getEnumConstants()));
			}
			if (type == Boolean.class && !value.equals("true") && !value.equals("false")) {
				throw InvalidRequestException.forField(name, "must be true or false");
			}
			if (type == String.class && !value.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
				throw InvalidRequestException.forField(name, "must be 1 to 64 letters, digits, '.', '_' or '-'");
			}
			values.put(name, value);
		});
		return new FeedFilter(Map.copyOf(values));
	}

	static Feed named(String name) {
		return Arrays.stream(values()).filter((feed) -> feed.name().equals(name)).findFirst().orElse(null);
	}

	private static String nameOf(Enum<?> value) {
		return (value != null) ? value.name() : null;
	}

}
