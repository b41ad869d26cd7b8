package io.shopstream.orders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.shopstream.inventory.InventoryService;
import io.shopstream.orders.Order.Customer;
import io.shopstream.orders.Order.Item;
import io.shopstream.orders.Order.Payment;
import io.shopstream.orders.Order.PaymentMethod;
import io.shopstream.orders.Order.StatusChange;
import io.shopstream.orders.OrderPricing.Priced;
import io.shopstream.orders.OrderPricing.Wanted;
import io.shopstream.platform.mongo.Capability;
import io.shopstream.platform.mongo.MissingCapabilityException;
import io.shopstream.platform.mongo.Transactions;
import io.shopstream.platform.security.Caller;
import io.shopstream.platform.web.ConflictException;
import io.shopstream.platform.web.FieldProblem;
import io.shopstream.platform.web.InvalidRequestException;
import io.shopstream.platform.web.NotFoundException;
import io.shopstream.platform.web.ServiceUnavailableException;
import io.shopstream.platform.web.paging.Keyset;
import io.shopstream.platform.web.paging.KeysetPager;
import io.shopstream.platform.web.paging.Page;
import io.shopstream.platform.web.paging.PageRequest;
import io.shopstream.products.Product;
import io.shopstream.products.ProductService;
import io.shopstream.users.UserService;
import io.shopstream.users.UserView;
import io.shopstream.wallet.Wallet;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Places orders and moves them through their lifecycle. Placing holds every item's stock
 * or none (what was held is given back when a later item fails), then records the order.
 * The order number is taken once the request is known to be valid and priced, just before
 * the holds, so an order refused for short stock leaves a gap in the numbering and
 * nothing else. An order paid from the balance is placed in one transaction instead
 * (stock, debit, order), and its cancellation refunds it in the one that releases the
 * stock.
 */
@Service
public class OrderService {

	/** Orders streamed per round trip by the export. */
	static final int EXPORT_BATCH_SIZE = 500;

	private final ReactiveMongoTemplate template;

	private final ProductService products;

	private final InventoryService inventory;

	private final UserService users;

	private final OrderNumbers numbers;

	private final KeysetPager pager;

	private final OrderPricing pricing;

	private final Clock clock;

	private final Transactions transactions;

	private final Wallet wallet;

	OrderService(ReactiveMongoTemplate template, Transactions transactions, ProductService products,
			InventoryService inventory, UserService users, Wallet wallet, OrderNumbers numbers, KeysetPager pager,
			OrderProperties properties, Clock clock) {
		this.template = template;
		this.products = products;
		this.inventory = inventory;
		this.users = users;
		this.numbers = numbers;
		this.pager = pager;
		this.pricing = new OrderPricing(properties);
		this.clock = clock;
		this.transactions = transactions;
		this.wallet = wallet;
	}

	Mono<Order> place(Caller caller, NewOrder request) {
		Map<String, Integer> wanted = wanted(request);
		Mono<UserView> customer = this.users.get(new ObjectId(caller.userId()));
		Mono<Map<String, Product>> onSale = this.products.findActiveBySkus(wanted.keySet()).collectMap(Product::sku);
		return Mono.zip(customer, onSale).flatMap((found) -> {
			Map<String, Product> catalogue = found.getT2();
			List<Wanted> lines = new ArrayList<>();
			List<FieldProblem> missing = new ArrayList<>();
			int index = 0;
			for (Map.Entry<String, Integer> line : wanted.entrySet()) {
				Product product = catalogue.get(line.getKey());
				if (product == null) {
					missing.add(new FieldProblem("items[" + index + "].sku", "is not a product on sale"));
				}
				else {
					lines.add(new Wanted(product, line.getValue()));
				}
				index++;
			}
			if (!missing.isEmpty()) {
				return Mono.error(InvalidRequestException.of("Some items cannot be ordered", missing));
			}
			Instant now = this.clock.instant();
			Priced priced = this.pricing.price(lines, now);
			boolean fromBalance = request.paymentMethod() == PaymentMethod.balance;
			if (fromBalance) {
				payableFromBalance(priced);
			}
			return this.numbers.next()
				.map((number) -> new Order(new ObjectId().toHexString(), number, customer(found.getT1()),
						priced.items(), request.shippingAddress(),
						(request.billingAddress() != null) ? request.billingAddress() : request.shippingAddress(),
						new Payment(request.paymentMethod(), fromBalance ? "paid" : "pending"), priced.totals(),
						OrderStatus.pending, List.of(new StatusChange(OrderStatus.pending, now, caller.userId(), null)),
						request.metadata(), now, now))
				.flatMap(fromBalance ? this::payAndRecord : this::holdAndRecord);
		});
	}

	private static Map<String, Integer> wanted(NewOrder request) {
		Map<String, Integer> wanted = new LinkedHashMap<>();
		List<FieldProblem> repeated = new ArrayList<>();
		for (int i = 0; i < request.items().size(); i++) {
			NewOrder.Line line = request.items().get(i);
			if (wanted.putIfAbsent(line.sku(), line.quantity()) != null) {
				repeated.add(new FieldProblem("items[" + i + "].sku", "appears more than once"));
			}
		}
		if (!repeated.isEmpty()) {
			throw InvalidRequestException.of("Each sku may appear once per order", repeated);
		}
		return wanted;
	}

	/**
	 * An order paid from the balance must be priced in the wallet's currency (400) and
	 * needs transactions (501 naming them, once the request is known to be valid).
	 */
	private void payableFromBalance(Priced priced) {
		if (!this.wallet.currency().equals(priced.totals().currency())) {
			throw InvalidRequestException.forField("payment_method", "balance pays for orders in "
					+ this.wallet.currency() + " only; this one is in " + priced.totals().currency());
		}
		if (!this.transactions.available()) {
			throw new MissingCapabilityException(Capability.TRANSACTIONS);
		}
	}

	/** The customer as an order keeps them: id, email and the name to address them by. */
	static Customer customer(UserView user) {
		String name = user.username();
		if (user.profile() != null && user.profile().firstName() != null) {
			name = (user.profile().firstName() + " "
					+ ((user.profile().lastName() != null) ? user.profile().lastName() : ""))
				.trim();
		}
		return new Customer(user.id(), user.email(), name);
	}

	/**
	 * Holds every item's stock, records the order, then settles the holds; or gives back
	 * what it held. The same on both back-ends and without a transaction: each hold is
	 * one update of one sku's document, which the server serializes however hot the sku,
	 * where a transaction would abort on every write conflict and could run out of
	 * retries. An instance that dies between holding and recording leaves holds that
	 * {@link AbandonedHolds} gives back; if that happened to an order still being
	 * recorded (its instance stalled past the hold timeout), the order is cancelled at
	 * once and the client asked to try again.
	 */
	private Mono<Order> holdAndRecord(Order order) {
		ObjectId id = new ObjectId(order.id());
		List<Item> held = new CopyOnWriteArrayList<>();
		return Flux.fromIterable(order.items())
			.concatMap((item) -> this.inventory.hold(item.sku(), item.quantity(), id)
				.doOnSuccess((done) -> held.add(item)))
			.then(this.template.insert(order))
			.onErrorResume((failure) -> Flux.fromIterable(held)
				.concatMap((item) -> this.inventory.releaseHold(item.sku(), id, item.quantity()))
				.then(Mono.error(failure)))
			.flatMap((recorded) -> settle(recorded, id));
	}

	/**
	 * An order paid from the balance, in one transaction: every item's stock reserved,
	 * the buyer debited the total (a ledger entry of type {@code purchase}), the order
	 * recorded; or none of it. No holds: a transaction that fails leaves nothing to give
	 * back. A hot sku's write conflicts abort the transaction, which runs again after a
	 * jittered backoff until the deadline (then 503).
	 */
	private Mono<Order> payAndRecord(Order order) {
		ObjectId id = new ObjectId(order.id());
		ObjectId buyer = new ObjectId(order.user().id());
		return this.transactions.atomically(() -> Flux.fromIterable(order.items())
			.concatMap((item) -> this.inventory.reserve(item.sku(), item.quantity()))
			.then(Mono.defer(() -> this.wallet.pay(buyer, order.totals().total(), id)))
			.then(Mono.defer(() -> this.template.insert(order))));
	}

	private Mono<Order> settle(Order order, ObjectId id) {
		List<Item> settled = new CopyOnWriteArrayList<>();
		return Flux.fromIterable(order.items())
			.concatMap((item) -> this.inventory.settleHold(item.sku(), id)
				.filter(Boolean::booleanValue)
				.doOnNext((done) -> settled.add(item)))
			.then(Mono.defer(() -> (settled.size() == order.items().size()) ? Mono.just(order)
					: cancelAsExpired(order, settled)));
	}

	/**
	 * Some of the order's holds were given back before it was recorded: it is cancelled,
	 * the units still reserved for it are released, and the client tries again.
	 */
	private Mono<Order> cancelAsExpired(Order order, List<Item> stillReserved) {
		Instant now = this.clock.instant();
		Update update = new Update().set("status", OrderStatus.cancelled.name())
			.set("updated_at", now)
			.push("status_history", new StatusChange(OrderStatus.cancelled, now, order.user().id(),
					"its stock was given back before the order was recorded"));
		return this.template
			.updateFirst(Query.query(Criteria.where("_id").is(new ObjectId(order.id()))), update, Order.class)
			.thenMany(Flux.fromIterable(stillReserved))
			.concatMap((item) -> this.inventory.release(item.sku(), item.quantity()))
			.then(Mono.error(new ServiceUnavailableException(
					"Placing the order took too long and its stock was given back; place it again",
					Duration.ofSeconds(1))));
	}

	Mono<Order> get(Caller caller, ObjectId id) {
		return this.template.findById(id, Order.class)
			.filter((order) -> caller.mayActFor(order.user().id()))
			.switchIfEmpty(Mono.error(() -> new NotFoundException("No order with id " + id.toHexString())));
	}

	Mono<Page<Order>> list(Caller caller, OrderFilter filter, PageRequest page) {
		Optional<ObjectId> onlyUser = caller.isAdmin() ? Optional.empty() : Optional.of(new ObjectId(caller.userId()));
		return this.pager.page(filter.criteria(onlyUser), Keyset.by("created_at", Sort.Direction.DESC), page,
				Order.class, filter.hint(onlyUser).orElse(null));
	}

	/**
	 * Every matching order, oldest first, fetched {@value #EXPORT_BATCH_SIZE} at a time
	 * as the client reads.
	 */
	Flux<Order> export(OrderFilter filter) {
		Query query = Query.query(filter.criteria(Optional.empty()))
			.with(Sort.by(Sort.Direction.ASC, "created_at", "_id"))
			.cursorBatchSize(EXPORT_BATCH_SIZE);
		return this.template.find(query, Order.class).limitRate(EXPORT_BATCH_SIZE);
	}

	/**
	 * Moves an order to its next status, as its owner (cancel only) or an admin. The
	 * change is one update conditional on the status read, so two concurrent changes
	 * cannot both apply; cancelling releases the stock, shipping takes it out of the
	 * quantity for good. The order comes back from the update itself (findAndModify with
	 * {@code new: true}).
	 */
	Mono<Order> transition(Caller caller, ObjectId id, StatusRequest request) {
		OrderStatus next = request.status();
		return get(caller, id).flatMap((order) -> {
			if (!caller.isAdmin() && next != OrderStatus.cancelled) {
				return Mono.error(new AccessDeniedException("only admins move orders forward"));
			}
			if (!order.status().canBecome(next)) {
				return Mono.error(new ConflictException("An order that is " + order.status() + " cannot become " + next,
						"status"));
			}
			Instant now = this.clock.instant();
			Query current = Query.query(Criteria.where("_id").is(id).and("status").is(order.status().name()));
			Update update = new Update().set("status", next.name())
				.set("updated_at", now)
				.push("status_history", new StatusChange(next, now, caller.userId(), request.note()));
			boolean refund = next == OrderStatus.cancelled && order.payment().method() == PaymentMethod.balance;
			if (refund) {
				update.set("payment.status", "refunded");
			}
			Supplier<Mono<Order>> change = () -> this.template
				.findAndModify(current, update, FindAndModifyOptions.options().returnNew(true), Order.class)
				.switchIfEmpty(
						Mono.error(() -> new ConflictException("The order changed meanwhile; read it again", "status")))
				.flatMap((changed) -> stockEffect(order, next)
					.then(refund ? Mono.defer(() -> this.wallet.refund(new ObjectId(order.user().id()),
							order.totals().total(), id, caller.userId())) : Mono.empty())
					.thenReturn(changed));
			// A refund is a balance change and must be one with the cancellation, so
			// orders paid from the balance change status only in transactions.
			return (this.transactions.available() || refund) ? this.transactions.atomically(change) : change.get();
		});
	}

	private Mono<Void> stockEffect(Order order, OrderStatus next) {
		return switch (next) {
			case cancelled -> Flux.fromIterable(order.items())
				.concatMap((item) -> this.inventory.release(item.sku(), item.quantity()))
				.then();
			case shipped -> Flux.fromIterable(order.items())
				.concatMap((item) -> this.inventory.commit(item.sku(), item.quantity()))
				.then();
			default -> Mono.empty();
		};
	}

}
