package io.shopstream.orders;

import java.time.Clock;
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
import io.shopstream.orders.Order.StatusChange;
import io.shopstream.orders.OrderPricing.Priced;
import io.shopstream.orders.OrderPricing.Wanted;
import io.shopstream.platform.mongo.Transactions;
import io.shopstream.platform.security.Caller;
import io.shopstream.platform.web.ConflictException;
import io.shopstream.platform.web.FieldProblem;
import io.shopstream.platform.web.InvalidRequestException;
import io.shopstream.platform.web.NotFoundException;
import io.shopstream.platform.web.paging.Keyset;
import io.shopstream.platform.web.paging.KeysetPager;
import io.shopstream.platform.web.paging.Page;
import io.shopstream.platform.web.paging.PageRequest;
import io.shopstream.products.Product;
import io.shopstream.products.ProductService;
import io.shopstream.users.UserService;
import io.shopstream.users.UserView;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Places orders and moves them through their lifecycle. Placing reserves every item's
 * stock or none: in one transaction where the back-end has them, otherwise by releasing
 * what was taken when a later item fails. The order number is taken once the request is
 * known to be valid and priced, just before the reservations, so an order refused for
 * short stock leaves a gap in the numbering and nothing else.
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

	OrderService(ReactiveMongoTemplate template, Transactions transactions, ProductService products,
			InventoryService inventory, UserService users, OrderNumbers numbers, KeysetPager pager,
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
			return this.numbers.next()
				.map((number) -> new Order(null, number, customer(found.getT1()), priced.items(),
						request.shippingAddress(),
						(request.billingAddress() != null) ? request.billingAddress() : request.shippingAddress(),
						new Payment(request.paymentMethod(), "pending"), priced.totals(), OrderStatus.pending,
						List.of(new StatusChange(OrderStatus.pending, now, caller.userId(), null)), request.metadata(),
						now, now))
				.flatMap(this::reserveAndInsert);
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

	/** All reservations and the insert, or nothing. */
	private Mono<Order> reserveAndInsert(Order order) {
		if (this.transactions.available()) {
			return this.transactions.atomically(() -> Flux.fromIterable(order.items())
				.concatMap((item) -> this.inventory.reserve(item.sku(), item.quantity()))
				.then(this.template.insert(order)));
		}
		List<Item> taken = new CopyOnWriteArrayList<>();
		return Flux.fromIterable(order.items())
			.concatMap((item) -> this.inventory.reserve(item.sku(), item.quantity())
				.doOnSuccess((done) -> taken.add(item)))
			.then(this.template.insert(order))
			.onErrorResume((failure) -> Flux.fromIterable(taken)
				.concatMap((item) -> this.inventory.release(item.sku(), item.quantity()))
				.then(Mono.error(failure)));
	}

	Mono<Order> get(Caller caller, ObjectId id) {
		return this.template.findById(id, Order.class)
			.filter((order) -> caller.mayActFor(order.user().id()))
			.switchIfEmpty(Mono.error(() -> new NotFoundException("No order with id " + id.toHexString())));
	}

	Mono<Page<Order>> list(Caller caller, OrderFilter filter, PageRequest page) {
		Optional<ObjectId> onlyUser = caller.isAdmin() ? Optional.empty() : Optional.of(new ObjectId(caller.userId()));
		return this.pager.page(filter.criteria(onlyUser), Keyset.by("created_at", Sort.Direction.DESC), page,
				Order.class);
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
	 * quantity for good. (An update and a read rather than findAndModify, which the
	 * embedded back-end leaves out of its oplog.)
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
			Supplier<Mono<Order>> change = () -> this.template.updateFirst(current, update, Order.class)
				.filter((result) -> result.getMatchedCount() == 1)
				.switchIfEmpty(
						Mono.error(() -> new ConflictException("The order changed meanwhile; read it again", "status")))
				.then(stockEffect(order, next))
				.then(this.template.findById(id, Order.class));
			return this.transactions.available() ? this.transactions.atomically(change) : change.get();
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
