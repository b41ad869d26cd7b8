package io.shopstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.shopstream.orders.OrderSchema;
import io.shopstream.platform.mongo.embedded.EmbeddedMongoServer;
import io.shopstream.support.Accounts;
import io.shopstream.support.Accounts.Account;
import io.shopstream.support.Catalogue;
import io.shopstream.support.Fixtures;
import io.shopstream.users.UserSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three instances started at the same moment on one empty database, as a Deployment's
 * replicas start: the first with the embedded back-end on a fixed port
 * ({@code shopstream.embedded.port}), the others pointed at it with
 * {@code spring.mongodb.uri}, all with the demo data on. They all start (creating the
 * same collections at once), the demo data is loaded once, and orders placed on all three
 * at once get numbers no two of them share.
 */
class ReplicasStartTogetherTests {

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void three_replicas_start_together_load_the_demo_data_once_and_number_orders_uniquely() throws Exception {
		int backendPort = Fixtures.freePort();
		List<String> common = List.of("--server.port=0", "--shopstream.demo.enabled=true", "--shopstream.demo.users=3",
				"--shopstream.demo.products=5", "--shopstream.demo.stores=2", "--shopstream.demo.orders=20",
				// the others wait for the first one's back-end to listen
				"--shopstream.mongodb.server-selection-timeout=60s");
		List<List<String>> arguments = List.of(with(common, "--shopstream.embedded.port=" + backendPort),
				with(common, "--spring.mongodb.uri=mongodb://127.0.0.1:" + backendPort + "/shopstream"),
				with(common, "--spring.mongodb.uri=mongodb://127.0.0.1:" + backendPort + "/shopstream"));
		ExecutorService starter = Executors.newFixedThreadPool(3);
		List<Future<ConfigurableApplicationContext>> starting = new ArrayList<>();
		for (List<String> replica : arguments) {
			starting.add(starter.submit(() -> new SpringApplicationBuilder(ShopstreamApplication.class).profiles("test")
				.run(replica.toArray(String[]::new))));
		}
		List<ConfigurableApplicationContext> replicas = new ArrayList<>();
		try {
			for (Future<ConfigurableApplicationContext> replica : starting) {
				replicas.add(replica.get(4, TimeUnit.MINUTES));
			}
			assertThat(replicas.get(0).getBeanNamesForType(EmbeddedMongoServer.class)).hasSize(1);
			assertThat(replicas.get(1).getBeanNamesForType(EmbeddedMongoServer.class)).isEmpty();

			ReactiveMongoTemplate mongo = replicas.get(0).getBean(ReactiveMongoTemplate.class);
			Criteria demoCustomer = Criteria.where("email").regex("@shopstream\\.demo$");
			assertThat(mongo.count(Query.query(demoCustomer), UserSchema.COLLECTION).block()).isEqualTo(3);
			assertThat(mongo
				.count(Query.query(Criteria.where("user.email").regex("@shopstream\\.demo$")), OrderSchema.COLLECTION)
				.block()).isEqualTo(20);

			List<WebTestClient> clients = replicas.stream()
				.map((replica) -> WebTestClient.bindToServer()
					.baseUrl("http://localhost:" + replica.getEnvironment().getRequiredProperty("local.server.port"))
					.responseTimeout(Duration.ofSeconds(30))
					.build())
				.toList();
			String sku = Fixtures.unique("REPLICAS-");
			WebTestClient admin = Accounts.admin(clients.get(0));
			Catalogue.product(admin, sku, "3.00", null);
			Catalogue.stock(admin, sku, 100);
			Account customer = Accounts.signUp(clients.get(0), "replicas");
			List<String> numbers = Flux.range(0, 30)
				.flatMap((i) -> Mono.fromCallable(() -> place(clients.get(i % 3), customer.token(), sku))
					.subscribeOn(Schedulers.boundedElastic()), 9)
				.collectList()
				.block(Duration.ofMinutes(2));
			assertThat(numbers).hasSize(30).doesNotHaveDuplicates().allMatch((number) -> number.startsWith("ORD-"));
		}
		finally {
			replicas.forEach(ConfigurableApplicationContext::close);
			starter.shutdownNow();
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static String place(WebTestClient replica, String token, String sku) {
		EntityExchangeResult<Map> placed = replica.post()
			.uri("/api/v1/orders")
			.headers((headers) -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Catalogue.order(sku, "1"))
			.exchange()
			.expectBody(Map.class)
			.returnResult();
		// the problem document says why, where a status alone would not
		assertThat(placed.getStatus()).as("%s", placed.getResponseBody()).isEqualTo(HttpStatus.CREATED);
		return (String) placed.getResponseBody().get("order_number");
	}

	private static List<String> with(List<String> common, String argument) {
		List<String> all = new ArrayList<>(common);
		all.add(argument);
		return all;
	}

}
