package io.shopstream.orders;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * Where an order is. pending → processing → shipped → delivered; pending or processing →
 * cancelled. Nothing else.
 */
public enum OrderStatus {

	/** Placed; stock reserved, not yet being prepared. */
	pending,

	/** Being prepared by an admin; stock still reserved, still cancellable. */
	processing,

	/** Handed to the carrier; the reserved stock has left the quantity for good. */
	shipped,

	/** Received by the customer; final. */
	delivered,

	/** Called off before shipping; the reserved stock was released. Final. */
	cancelled;

	private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.of(pending, Set.of(processing, cancelled),
			processing, Set.of(shipped, cancelled), shipped, Set.of(delivered), delivered, Set.of(), cancelled,
			Set.of());

	public boolean canBecome(OrderStatus next) {
		return NEXT.get(this).contains(next);
	}

	/**
	 * The shortest way from one status to another by allowed transitions, both ends
	 * included ({@code [from]} when they are the same), so that a history built from it
	 * is one the service itself could have written. Successors are tried in declaration
	 * order, so the answer never depends on set iteration order.
	 * @throws IllegalArgumentException when {@code to} cannot be reached from
	 * {@code from}
	 */
	static List<OrderStatus> path(OrderStatus from, OrderStatus to) {
		Map<OrderStatus, OrderStatus> cameFrom = new EnumMap<>(OrderStatus.class);
		Queue<OrderStatus> reached = new ArrayDeque<>(List.of(from));
		cameFrom.put(from, from);
		while (!reached.isEmpty() && !cameFrom.containsKey(to)) {
			OrderStatus current = reached.remove();
			for (OrderStatus next : values()) {
				if (current.canBecome(next) && !cameFrom.containsKey(next)) {
					cameFrom.put(next, current);
					reached.add(next);
				}
			}
		}
		if (!cameFrom.containsKey(to)) {
			throw new IllegalArgumentException("An order that is " + from + " can never become " + to);
		}
		List<OrderStatus> path = new ArrayList<>(List.of(to));
		for (OrderStatus step = to; step != from; step = cameFrom.get(step)) {
			path.add(cameFrom.get(step));
		}
		Collections.reverse(path);
		return List.copyOf(path);
	}

}
