package io.shopstream.platform.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.shopstream.support.Accounts;
import io.shopstream.support.Catalogue;
import io.shopstream.support.EmbeddedApiTest;
import io.shopstream.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Feed connections, catch-up cursors and bulk imports past their caps are refused at once
 * with the status that tells the client what to do (503: this instance is full, try
 * another; 429: you hold your share), while what was admitted keeps being served, and
 * every place is given back when its connection ends.
 */
@EmbeddedApiTest
@TestPropertySource(properties = { "shopstream.limits.feeds-per-instance=5", "shopstream.limits.feeds-per-client=3",
		"shopstream.limits.catch-up-cursors=1", "shopstream.limits.concurrent-imports=1",
		"shopstream.limits.retry-after=7s", "shopstream.feeds.replay-size=2", "shopstream.feeds.grace-period=100ms" })
class FeedLimitTests {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS = new ParameterizedTypeReference<>() {
	};

	@Autowired
	WebTestClient anonymous;

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int port;

	WebTestClient admin;

	WebClient feeds;

	final List<Disposable> open = new ArrayList<>();

	@BeforeEach
	void clients() {
		this.admin = Accounts.admin(this.anonymous);
		this.feeds = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create()))
			.baseUrl("http://localhost:" + this.port)
			.build();
	}

	@AfterEach
	void closeFeeds() {
		this.open.forEach(Disposable::dispose);
		await().atMost(Duration.ofSeconds(10)).until(() -> inUse("feeds") == 0 && inUse("catch-up-cursors") == 0);
	}

	@Test
	void feeds_past_the_client_and_instance_caps_are_refused_while_admitted_ones_keep_streaming() {
		String sku = Fixtures.unique("CAP-");
		Catalogue.stock(this.admin, sku, 10);
		String path = "/api/v1/feeds/inventory?sku=" + sku;
		double refusedBefore = rejected("feeds") + rejected("feeds-per-client");

		List<List<ServerSentEvent<String>>> admitted = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			admitted.add(connect(path, "10.15.0.1", null));
		}
		refused(path, "10.15.0.1", HttpStatus.TOO_MANY_REQUESTS);
		admitted.add(connect(path, "10.15.0.2", null));
		admitted.add(connect(path, "10.15.0.3", null));
		refused(path, "10.15.0.4", HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(inUse("feeds")).isEqualTo(5);
		assertThat(rejected("feeds") + rejected("feeds-per-client")).isEqualTo(refusedBefore + 2);

		adjust(sku, 1);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(admitted).allSatisfy((frames) -> assertThat(events(frames)).hasSize(1)));

		this.open.forEach(Disposable::dispose);
		this.open.clear();
		await().atMost(Duration.ofSeconds(10)).until(() -> inUse("feeds") == 0);
		for (int i = 0; i < 3; i++) {
			connect(path, "10.15.0.4", null);
		}
		assertThat(inUse("feeds")).as("every place was given back").isEqualTo(3);
	}

	@Test
	void a_signed_in_client_is_counted_by_account_wherever_it_connects_from() {
		Accounts.Account ada = Accounts.signUp(this.anonymous, "feeds");
		String path = "/api/v1/feeds/orders";
		for (int i = 0; i < 3; i++) {
			this.open.add(this.feeds.get()
				.uri(path)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + ada.token())
				.header("X-Forwarded-For", "10.16.0." + i)
				.retrieve()
				.bodyToFlux(EVENTS)
				.subscribe());
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> inUse("feeds") == 3);
		this.anonymous.get()
			.uri(path)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + ada.token())
			.header("X-Forwarded-For", "10.16.0.99")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
	}

	@Test
	void a_subscriber_resuming_when_every_catch_up_cursor_is_taken_gets_a_resync_instead() {
		String sku = Fixtures.unique("CURSOR-");
		Catalogue.stock(this.admin, sku, 10);
		String path = "/api/v1/feeds/inventory?sku=" + sku;
		List<ServerSentEvent<String>> first = connect(path, "10.17.0.1", null);
		adjust(sku, 4);
		await().atMost(Duration.ofSeconds(10)).until(() -> events(first).size() == 4);
		String oldest = events(first).get(0).id();
		this.open.forEach(Disposable::dispose);
		this.open.clear();
		// With nobody subscribed the shared stream closes and its ring is emptied, so
		// resuming from the oldest id needs a cursor of its own, which stays open waiting
		// for news.
		await().atMost(Duration.ofSeconds(10)).until(() -> inUse("feeds") == 0 && openStreams() == 0);

		List<ServerSentEvent<String>> catchingUp = connect(path, "10.17.0.2", oldest);
		await().atMost(Duration.ofSeconds(10)).until(() -> events(catchingUp).size() == 3);
		assertThat(inUse("catch-up-cursors")).isEqualTo(1);

		List<ServerSentEvent<String>> turnedAway = connect(path, "10.17.0.3", oldest);
		await().atMost(Duration.ofSeconds(10)).until(() -> !events(turnedAway).isEmpty());
		assertThat(events(turnedAway).get(0).event()).isEqualTo("resync");
		assertThat(events(catchingUp)).extracting(ServerSentEvent::event).containsOnly("update");

		this.open.get(this.open.size() - 2).dispose();
		await().atMost(Duration.ofSeconds(10)).until(() -> inUse("catch-up-cursors") == 0);
		List<ServerSentEvent<String>> later = connect(path, "10.17.0.4", oldest);
		await().atMost(Duration.ofSeconds(10)).until(() -> events(later).size() == 3);
		assertThat(events(later)).extracting(ServerSentEvent::event).containsOnly("update");
	}

	@Test
	void a_bulk_import_past_the_cap_is_refused_while_the_admitted_one_runs_to_its_end() {
		Sinks.Many<DataBuffer> slowBody = Sinks.many().unicast().onBackpressureBuffer();
		DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
		String sku = Fixtures.unique("IMP-");
		slowBody.tryEmitNext(buffers.wrap(line(sku + "-1").getBytes()));
		String token = Accounts.login(this.anonymous, Accounts.ADMIN_LOGIN, Accounts.ADMIN_PASSWORD);
		var running = this.feeds.post()
			.uri("/api/v1/products/bulk")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_NDJSON)
			.body(BodyInserters.fromDataBuffers(slowBody.asFlux()))
			.retrieve()
			.bodyToMono(Map.class)
			.toFuture();
		await().atMost(Duration.ofSeconds(10)).until(() -> inUse("imports") == 1);

		this.admin.post()
			.uri("/api/v1/products/bulk")
			.contentType(MediaType.APPLICATION_NDJSON)
			.bodyValue(line(sku + "-2"))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "7")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(503);

		slowBody.tryEmitNext(buffers.wrap(line(sku + "-3").getBytes()));
		slowBody.tryEmitComplete();
		assertThat(running.join()).containsEntry("upserted", 2);
		await().atMost(Duration.ofSeconds(10)).until(() -> inUse("imports") == 0);
		this.admin.post()
			.uri("/api/v1/products/bulk")
			.contentType(MediaType.APPLICATION_NDJSON)
			.bodyValue(line(sku + "-2"))
			.exchange()
			.expectStatus()
			.isOk();
	}

	/**
	 * Opens a feed from this address and waits for its first frame; the frames keep
	 * arriving.
	 */
	private List<ServerSentEvent<String>> connect(String path, String address, String lastEventId) {
		List<ServerSentEvent<String>> frames = new CopyOnWriteArrayList<>();
		Flux<ServerSentEvent<String>> events = this.feeds.get()
			.uri(path)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.headers((headers) -> {
				headers.set("X-Forwarded-For", address);
				if (lastEventId != null) {
					headers.set("Last-Event-ID", lastEventId);
				}
			})
			.retrieve()
			.bodyToFlux(EVENTS);
		this.open.add(events.subscribe(frames::add));
		await().atMost(Duration.ofSeconds(10)).until(() -> !frames.isEmpty());
		return frames;
	}

	private void refused(String path, String address, HttpStatus status) {
		this.anonymous.get()
			.uri(path)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.header("X-Forwarded-For", address)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "7")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(status.value())
			.jsonPath("$.detail")
			.isNotEmpty();
	}

	private void adjust(String sku, int times) {
		for (int i = 0; i < times; i++) {
			this.admin.post()
				.uri("/api/v1/inventory/{sku}/adjust", sku)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"delta\": 1}")
				.exchange()
				.expectStatus()
				.isOk();
		}
	}

	private static List<ServerSentEvent<String>> events(List<ServerSentEvent<String>> frames) {
		return frames.stream().filter((frame) -> frame.event() != null).toList();
	}

	private static String line(String sku) {
		return """
				{"sku": "%s", "name": "Imported %s", "category": {"name": "Gadgets", "slug": "gadgets"}, \
				"pricing": {"base_price": "9.99", "currency": "USD", "tax_rate": "0.08"}}
				""".formatted(sku, sku);
	}

	private double inUse(String limit) {
		return this.meters.get("shopstream.limits.in_use").tag("limit", limit).gauge().value();
	}

	private double rejected(String limit) {
		var counter = this.meters.find("shopstream.limits.rejected").tag("limit", limit).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double openStreams() {
		return this.meters.find("shopstream.feeds.change_streams")
			.gauges()
			.stream()
			.mapToDouble((g) -> g.value())
			.sum();
	}

}
