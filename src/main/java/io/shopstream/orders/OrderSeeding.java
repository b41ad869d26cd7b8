package io.shopstream.orders;

import java.time.Instant;
import java.util.List;

import io.shopstream.products.Product;
import io.shopstream.users.UserView;
import reactor.core.publisher.Mono;

/**
 * The one way to write orders that were not placed through the API: a trusted bulk load
 * (the demo data) of orders dated in the past. Kept apart from {@link OrderService} so
 * the service offers clients' operations only.
 */
public interface OrderSeeding {

	/**
	 * Records orders placed in the past: priced as they would have been then, numbered in
	 * their year, with a status history that follows the allowed transitions up to their
	 * status. Orders still pending or processing hold their stock, as live ones do.
	 * @return how many orders were recorded
	 */
	Mono<Long> recordPast(List<PastOrder> past);

	/** An order placed in the past, for {@link #recordPast}. */
	record PastOrder(UserView customer, List<PastLine> lines, Address address, Order.PaymentMethod payment,
			OrderStatus status, Instant placedAt) {
	}

	/** A product and quantity of a past order. */
	record PastLine(Product product, int quantity) {
	}

}
