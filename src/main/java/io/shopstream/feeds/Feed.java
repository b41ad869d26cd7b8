package io.shopstream.feeds;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.shopstream.inventory.InventoryItem;
import io.shopstream.orders.Order;
import io.shopstream.orders.OrderStatus;
import io.shopstream.platform.security.Caller;
import io.shopstream.platform.web.InvalidRequestException;
import io.shopstream.users.Role;
import io.shopstream.users.UserStatus;
import io.shopstream.users.UserView;
import org.bson.Document;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;

/**
 * The three feeds and their rules: who may subscribe, which events each subscriber may see,
 * which filters it may ask for, and what the change stream removes at the source.
 */
enum Feed {

	/** Admins only; password material is projected out in the change stream itself. */
	users("users", Map.of("status", UserStatus.class, "role", Role.class)) {
		@Override
		void authorize(Optional<Caller> caller) {
			Caller who = caller.orElseThrow(() -> new AuthenticationCredentialsNotFoundException("anonymous"));
			if (!who.isAdmin()) {
				throw new AccessDeniedException("the users feed is for admins");
			}
		}

		@Override
		List<Document> pipeline() {
			return List.of(new Document("$project", new Document("fullDocument.password_hash", 0)));
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
	orders("orders", Map.of("status", OrderStatus.class)) {
		@Override
		void authorize(Optional<Caller> caller) {
			caller.orElseThrow(() -> new AuthenticationCredentialsNotFoundException("anonymous"));
		}

		@Override
		boolean accepts(FeedSubscriber subscriber, FeedEvent event) {
			Caller caller = subscriber.caller();
			if (!(event.view() instanceof Order order) || order.user() == null) {
				return caller.isAdmin() && subscriber.filter().isEmpty();
			}
			return caller.mayActFor(order.user().id())
					&& subscriber.filter().get("status").map((status) -> status.equals(nameOf(order.status()))).orElse(true);
		}
	},

	/** Public. */
	inventory("inventory", Map.of("sku", String.class, "below_reorder_point", Boolean.class)) {
		@Override
		void authorize(Optional<Caller> caller) {
		}

		@Override
		boolean accepts(FeedSubscriber subscriber, FeedEvent event) {
			if (!(event.view() instanceof InventoryItem item)) {
				return subscriber.filter().isEmpty();
			}
			FeedFilter filter = subscriber.filter();
			return filter.get("sku").map((sku) -> sku.equals(item.sku())).orElse(true)
					&& filter.get("below_reorder_point").map((below) -> !Boolean.parseBoolean(below) || item.belowReorderPoint())
						.orElse(true);
		}
	};

	/** The query parameter of a resume point, for clients that cannot send Last-Event-ID. */
	static final String LAST_EVENT_ID = "last_event_id";

	private final String collection;

	private final Map<String, Class<?>> filters;

	Feed(String collection, Map<String, Class<?>> filters) {
		this.collection = collection;
		this.filters = filters;
	}

	String collection() {
		return this.collection;
	}

	/** Throws 401 or 403 when the caller may not subscribe. */
	abstract void authorize(Optional<Caller> caller);

	/** Whether this subscriber may see this event and asked for it. */
	abstract boolean accepts(FeedSubscriber subscriber, FeedEvent event);

	/** Stages appended to the change stream: what must never leave is removed at the source. */
	List<Document> pipeline() {
		return List.of();
	}

	Set<String> parameters() {
		Set<String> names = new java.util.HashSet<>(this.filters.keySet());
		names.add(LAST_EVENT_ID);
		return names;
	}

	/** Validates the filter values; an unknown one was already refused by the whitelist. */
	FeedFilter filter(Map<String, String> given) {
		Map<String, String> values = new java.util.LinkedHashMap<>();
		given.forEach((name, value) -> {
			Class<?> type = this.filters.get(name);
			if (type == null) {
				return;
			}
			if (type.isEnum() && Arrays.stream(type.getEnumConstants()).noneMatch((c) -> c.toString().equals(value))) {
				throw InvalidRequestException.forField(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
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
		return value == null ? null : value.name();
	}

}
