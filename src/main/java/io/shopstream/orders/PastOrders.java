package io.shopstream.orders;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.shopstream.inventory.InventoryService;
import io.shopstream.orders.Order.Payment;
import io.shopstream.orders.Order.StatusChange;
import io.shopstream.orders.OrderPricing.Priced;
import io.shopstream.orders.OrderPricing.Wanted;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes past orders in bulk for {@link OrderSeeding}: one block of order numbers per
 * year and one insert per batch, which is what keeps the demo's thousands of orders quick
 * to load.
 */
@Component
class PastOrders implements OrderSeeding {

	/** Time between two recorded steps of a past order's status history. */
	private static final Duration STEP = Duration.ofHours(20);

	private final ReactiveMongoTemplate template;

	private final InventoryService inventory;

	private final OrderNumbers numbers;

	private final OrderPricing pricing;

	PastOrders(ReactiveMongoTemplate template, InventoryService inventory, OrderNumbers numbers,
			OrderProperties properties) {
		this.template = template;
		this.inventory = inventory;
		this.numbers = numbers;
		this.pricing = new OrderPricing(properties);
	}

	@Override
	public Mono<Long> recordPast(List<PastOrder> past) {
		if (past.isEmpty()) {
			return Mono.just(0L);
		}
		Map<Integer, List<PastOrder>> byYear = new TreeMap<>();
		past.forEach((order) -> byYear
			.computeIfAbsent(order.placedAt().atZone(ZoneOffset.UTC).getYear(), (year) -> new ArrayList<>())
			.add(order));
		return Flux.fromIterable(byYear.entrySet())
			.concatMap((year) -> this.numbers.reserve(year.getKey(), year.getValue().size()).flatMapMany((first) -> {
				List<Order> orders = new ArrayList<>();
				for (int i = 0; i < year.getValue().size(); i++) {
					orders.add(order(year.getValue().get(i), OrderNumbers.format(year.getKey(), first + i)));
				}
				return this.template.insertAll(orders);
			}))
			.concatMap((order) -> holdsStock(order.status()) ? Flux.fromIterable(order.items())
				.concatMap((item) -> this.inventory.reserve(item.sku(), item.quantity()))
				.then(Mono.just(1L)) : Mono.just(1L))
			.count();
	}

	private Order order(PastOrder past, String number) {
		Priced priced = this.pricing.price(
				past.lines().stream().map((line) -> new Wanted(line.product(), line.quantity())).toList(),
				past.placedAt());
		List<StatusChange> history = new ArrayList<>();
		Instant at = past.placedAt();
		for (OrderStatus step : OrderStatus.path(OrderStatus.pending, past.status())) {
			history.add(new StatusChange(step, at, (step == OrderStatus.pending) ? past.customer().id() : null, null));
			at = at.plus(STEP);
		}
		Instant updatedAt = history.get(history.size() - 1).at();
		return new Order(null, number, OrderService.customer(past.customer()), priced.items(), past.address(),
				past.address(),
				new Payment(past.payment(), (past.status() == OrderStatus.cancelled) ? "refunded" : "completed"),
				priced.totals(), past.status(), history, Map.of("source", "demo"), past.placedAt(), updatedAt);
	}

	/**
	 * Pending and processing orders have reserved their stock; shipping took it out for
	 * good.
	 */
	private static boolean holdsStock(OrderStatus status) {
		return status == OrderStatus.pending || status == OrderStatus.processing;
	}

}
