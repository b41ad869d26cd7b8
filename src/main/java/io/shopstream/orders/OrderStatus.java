package io.shopstream.orders;

import java.util.Map;
import java.util.Set;

/**
 * Where an order is. pending → processing → shipped → delivered; pending or processing →
 * cancelled. Nothing else.
 */
public enum OrderStatus {

	pending, processing, shipped, delivered, cancelled;

	private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.of(pending, Set.of(processing, cancelled),
			processing, Set.of(shipped, cancelled), shipped, Set.of(delivered), delivered, Set.of(), cancelled,
			Set.of());

	public boolean canBecome(OrderStatus next) {
		return NEXT.get(this).contains(next);
	}

	/** The statuses an order may be in for it to become {@code next}. */
	static Set<OrderStatus> before(OrderStatus next) {
		return NEXT.entrySet().stream()
			.filter((entry) -> entry.getValue().contains(next))
			.map(Map.Entry::getKey)
			.collect(java.util.stream.Collectors.toUnmodifiableSet());
	}

}
