package io.shopstream.demo;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Random;

import io.shopstream.inventory.InventoryService;
import io.shopstream.inventory.StockLevel;
import io.shopstream.orders.Address;
import io.shopstream.orders.Order.PaymentMethod;
import io.shopstream.orders.OrderSeeding;
import io.shopstream.orders.OrderSeeding.PastLine;
import io.shopstream.orders.OrderSeeding.PastOrder;
import io.shopstream.orders.OrderStatus;
import io.shopstream.platform.mongo.Capabilities;
import io.shopstream.platform.security.Passwords;
import io.shopstream.products.Product;
import io.shopstream.products.ProductService;
import io.shopstream.products.ProductStatus;
import io.shopstream.stores.NewStore;
import io.shopstream.stores.StoreService;
import io.shopstream.users.NewUser;
import io.shopstream.users.Profile;
import io.shopstream.users.UserSeeding;
import io.shopstream.users.UserService;
import io.shopstream.users.UserView;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Loads the demo data set at start-up, before the service reports ready: through each
 * feature's service, and through the users' and orders' seeding seams for the two things
 * no client may do (many accounts sharing one pre-hashed password, orders placed in the
 * past). On the embedded back-end unless {@code shopstream.demo.enabled=false}, on a real
 * MongoDB only with {@code shopstream.demo.enabled=true}, and never twice into one
 * database: of several replicas starting together, the one whose claim lands first loads
 * it. A progress line is logged as it goes. The same seed gives the same users, products,
 * stock, stores and orders; dates are relative to the time of loading.
 */
@Component
@Order(10)
class DemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	static final String FIRST_USER_EMAIL = "customer001@shopstream.demo";

	private static final String CLAIM = "loading";

	private static final Duration TIMEOUT = Duration.ofMinutes(10);

	private static final List<String> FIRST_NAMES = List.of("Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald",
			"Frances", "Ken", "Margaret", "Dennis", "Radia", "Tim", "Sophie", "Linus", "Katherine");

	private static final List<String> LAST_NAMES = List.of("Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov",
			"Knuth", "Allen", "Thompson", "Hamilton", "Ritchie", "Perlman", "Berners-Lee", "Wilson", "Torvalds",
			"Johnson");

	private static final List<double[]> CITIES = List.of(new double[] { -73.97, 40.77 }, new double[] { -0.12, 51.50 },
			new double[] { 2.35, 48.85 }, new double[] { 13.40, 52.52 }, new double[] { 139.69, 35.68 });

	private static final List<String> CITY_NAMES = List.of("New York", "London", "Paris", "Berlin", "Tokyo");

	private final DemoProperties properties;

	private final Capabilities capabilities;

	private final UserService users;

	private final ProductService products;

	private final InventoryService inventory;

	private final StoreService stores;

	private final UserSeeding seededUsers;

	private final OrderSeeding orders;

	private final Passwords passwords;

	private final Clock clock;

	private final ReactiveMongoTemplate template;

	DemoData(DemoProperties properties, Capabilities capabilities, UserService users, UserSeeding seededUsers,
			ProductService products, InventoryService inventory, StoreService stores, OrderSeeding orders,
			Passwords passwords, Clock clock, ReactiveMongoTemplate template) {
		this.properties = properties;
		this.capabilities = capabilities;
		this.users = users;
		this.seededUsers = seededUsers;
		this.products = products;
		this.inventory = inventory;
		this.stores = stores;
		this.orders = orders;
		this.passwords = passwords;
		this.clock = clock;
		this.template = template;
	}

	@Override
	public void run(ApplicationArguments args) {
		boolean wanted = (this.properties.enabled() != null) ? this.properties.enabled()
				: "embedded".equals(this.capabilities.backend());
		if (!wanted) {
			return;
		}
		if (Boolean.TRUE.equals(this.users.emailTaken(FIRST_USER_EMAIL).block(TIMEOUT))) {
			log.info("Demo data is already loaded in this database; leaving it as it is");
			return;
		}
		if (!Boolean.TRUE.equals(claim().block(TIMEOUT))) {
			log.info(
					"Another instance has claimed loading the demo data into this database; leaving it to it "
							+ "(if none is loading it, delete the document in {} and restart)",
					DemoDataSchema.COLLECTION);
			return;
		}
		load().onErrorResume((ex) -> release().then(Mono.error(ex))).block(TIMEOUT);
	}

	/**
	 * Claims the loading for this instance: the first to insert the claim wins, any other
	 * gets a duplicate key.
	 */
	private Mono<Boolean> claim() {
		return this.template
			.insert(new Document("_id", CLAIM).append("claimed_at", Date.from(this.clock.instant())),
					DemoDataSchema.COLLECTION)
			.thenReturn(true)
			.onErrorResume(DuplicateKeyException.class, (ex) -> Mono.just(false));
	}

	/** Gives the claim back after a failed load, so that the next start tries again. */
	private Mono<Void> release() {
		return this.template.remove(Query.query(Criteria.where("_id").is(CLAIM)), DemoDataSchema.COLLECTION).then();
	}

	Mono<Void> load() {
		Random random = new Random(this.properties.seed());
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MINUTES);
		String password = demoPassword();
		log.info("Loading demo data: {} users, {} products with stock, {} stores, {} orders", this.properties.users(),
				this.properties.products(), this.properties.stores(), this.properties.orders());
		return this.passwords.hash(password)
			.flatMap(
					(hash) -> Flux.range(1, this.properties.users())
						.concatMap((i) -> this.seededUsers.createWithPasswordHash(customer(i, random), hash))
						.collectList()
						.doOnNext((created) -> log.info("Demo data: users {}/{} (password for all: {})", created.size(),
								this.properties.users(), password))
						.flatMap(
								(customers) -> Flux
									.fromIterable(DemoCatalogue.products(this.properties.products(), random, now))
									.concatMap(
											(draft) -> this.products.create(draft)
												.flatMap((product) -> this.inventory
													.setLevel(product.sku(),
															new StockLevel(200L + random.nextInt(800), List.of(), 20L,
																	200L))
													.thenReturn(product)))
									.collectList()
									.doOnNext((created) -> log.info("Demo data: products and stock {}/{}",
											created.size(), this.properties.products()))
									.flatMap((catalogue) -> loadStores(random)
										.then(loadOrders(customers, catalogue, random, now)))));
	}

	private Mono<Void> loadStores(Random random) {
		return Flux.range(1, this.properties.stores()).concatMap((i) -> {
			int city = i % CITIES.size();
			double[] centre = CITIES.get(city);
			return this.stores.create(new NewStore("Shopstream " + CITY_NAMES.get(city) + " " + i, CITY_NAMES.get(city),
					centre[0] + (random.nextDouble() - 0.5) / 10, centre[1] + (random.nextDouble() - 0.5) / 10, null));
		}).count().doOnNext((count) -> log.info("Demo data: stores {}/{}", count, this.properties.stores())).then();
	}

	private Mono<Void> loadOrders(List<UserView> customers, List<Product> catalogue, Random random, Instant now) {
		List<Product> onSale = catalogue.stream()
			.filter((product) -> product.status() == ProductStatus.active)
			.toList();
		long span = Duration.ofDays(548).toMinutes();
		List<PastOrder> all = new ArrayList<>(this.properties.orders());
		for (int i = 0; i < this.properties.orders(); i++) {
			Instant placedAt = now.minus(span - (span * i / Math.max(1, this.properties.orders())), ChronoUnit.MINUTES);
			UserView customer = customers.get(random.nextInt(customers.size()));
			List<PastLine> lines = new ArrayList<>();
			int itemCount = 1 + random.nextInt(3);
			List<Product> picked = new ArrayList<>();
			while (picked.size() < itemCount) {
				Product product = onSale.get(random.nextInt(onSale.size()));
				if (!picked.contains(product)) {
					picked.add(product);
					lines.add(new PastLine(product, 1 + random.nextInt(3)));
				}
			}
			all.add(new PastOrder(customer, lines, address(customer, random),
					PaymentMethod.values()[random.nextInt(PaymentMethod.values().length)],
					status(placedAt, now, random), placedAt));
		}
		return Flux.fromIterable(all)
			.buffer(1000)
			.concatMap((batch) -> this.orders.recordPast(batch))
			.reduce(0L, Long::sum)
			.doOnNext((count) -> log.info("Demo data: orders {}/{}; loaded", count, this.properties.orders()))
			.then();
	}

	/**
	 * Old orders are mostly delivered; recent ones are still on their way; some of each
	 * are cancelled.
	 */
	private static OrderStatus status(Instant placedAt, Instant now, Random random) {
		long ageDays = Duration.between(placedAt, now).toDays();
		int roll = random.nextInt(100);
		if (roll < 12) {
			return OrderStatus.cancelled;
		}
		if (ageDays > 14) {
			return OrderStatus.delivered;
		}
		if (ageDays > 7) {
			return (roll < 60) ? OrderStatus.delivered : OrderStatus.shipped;
		}
		return (roll < 40) ? OrderStatus.pending : ((roll < 70) ? OrderStatus.processing : OrderStatus.shipped);
	}

	private static NewUser customer(int i, Random random) {
		String first = FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size()));
		String last = LAST_NAMES.get(random.nextInt(LAST_NAMES.size()));
		int city = random.nextInt(CITY_NAMES.size());
		return new NewUser("customer%03d@shopstream.demo".formatted(i), "customer%03d".formatted(i), "unused-here",
				new Profile(first, last, null, "Demo customer from " + CITY_NAMES.get(city), new Profile.Location(
						CITY_NAMES.get(city), null, List.of(CITIES.get(city)[0], CITIES.get(city)[1]))),
				null, null);
	}

	private static Address address(UserView customer, Random random) {
		String city = customer.profile().location().city();
		return new Address(customer.profile().firstName() + " " + customer.profile().lastName(),
				(1 + random.nextInt(200)) + " Demo Street", city, null, "%05d".formatted(random.nextInt(100_000)),
				switch (city) {
					case "New York" -> "US";
					case "London" -> "GB";
					case "Paris" -> "FR";
					case "Berlin" -> "DE";
					default -> "JP";
				}, null);
	}

	private static String demoPassword() {
		byte[] bytes = new byte[12];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
