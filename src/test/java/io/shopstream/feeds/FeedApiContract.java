package io.shopstream.feeds;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import io.shopstream.support.Accounts;
import io.shopstream.support.Accounts.Account;
import io.shopstream.support.Catalogue;
import io.shopstream.support.Fixtures;
import io.shopstream.support.Later;
import io.shopstream.support.SseClient;
import io.shopstream.users.UserSchema;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live-feed contract as an EventSource client sees it; run on the embedded back-end
 * by {@link FeedApiTests} and on a real MongoDB by {@link FeedApiOnMongoDbTests}.
 */
abstract class FeedApiContract extends FeedClients {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	ReactiveMongoTemplate template;

	@Test
	void streams_each_change_as_an_sse_frame_with_its_resume_token() {
		String sku = Fixtures.unique("FEED-");
		Flux<ServerSentEvent<String>> events = this.sse.events("/api/v1/feeds/inventory?sku=" + sku, null, null, null)
			.filter((frame) -> frame.retry() != null || SseClient.isEvent(frame));
		StepVerifier.create(events)
			.assertNext((first) -> assertThat(first.retry()).isEqualTo(Duration.ofSeconds(3)))
			.then(() -> Catalogue.stock(this.admin, sku, 7))
			.assertNext((insert) -> {
				assertThat(insert.event()).isEqualTo("insert");
				assertThat(insert.id()).matches("[0-9A-Za-z]+");
				JsonNode data = JSON.readTree(insert.data());
				assertThat(data.get("sku").asString()).isEqualTo(sku);
				assertThat(data.get("available").asInt()).isEqualTo(7);
				assertThat(data.get("document_key").get("id").asString()).isEqualTo(data.get("id").asString());
				assertThat(data.get("cluster_time").asString()).endsWith("Z");
			})
			.then(() -> this.admin.post()
				.uri("/api/v1/inventory/{sku}/adjust", sku)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"delta\": 3}")
				.exchange()
				.expectStatus()
				.isOk())
			.assertNext((update) -> {
				assertThat(update.event()).isEqualTo("update");
				assertThat(JSON.readTree(update.data()).get("available").asInt()).isEqualTo(10);
			})
			.thenCancel()
			.verify(WAIT);
	}

	@Test
	void answers_with_event_stream_headers_that_proxies_do_not_buffer() {
		this.anonymous.mutate()
			.responseTimeout(Duration.ofSeconds(1))
			.build()
			.get()
			.uri("/api/v1/feeds/inventory")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
			.expectHeader()
			.valueEquals("X-Accel-Buffering", "no")
			.returnResult(DataBuffer.class)
			.getResponseBody()
			.map((buffer) -> {
				String text = buffer.toString(StandardCharsets.UTF_8);
				DataBufferUtils.release(buffer);
				return text;
			})
			.take(1)
			.as(StepVerifier::create)
			.expectNext("retry: 3000\n\n")
			.verifyComplete();
	}

	@Test
	void the_users_feed_is_for_admins_and_never_carries_password_material() {
		this.anonymous.get().uri("/api/v1/feeds/users").exchange().expectStatus().isUnauthorized();
		Account user = Accounts.signUp(this.anonymous, "feedsnoop");
		user.client().get().uri("/api/v1/feeds/users").exchange().expectStatus().isForbidden();

		String name = Fixtures.unique("secretive");
		String raw = this.sse.rawDuring("/api/v1/feeds/users", this.adminToken, () -> {
			String id = (String) this.admin.post()
				.uri("/api/v1/users")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Fixtures.newUserJson(name))
				.exchange()
				.expectBody(Map.class)
				.returnResult()
				.getResponseBody()
				.get("id");
			this.admin.patch()
				.uri("/api/v1/users/{id}", id)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"password\": \"another long secret\"}")
				.exchange()
				.expectStatus()
				.isOk();
		}, (text) -> text.contains("event: update"), WAIT);
		assertThat(raw).contains(name).contains("event: insert").contains("event: update");
		assertThat(raw).doesNotContain("password")
			.doesNotContain("$2a$")
			.doesNotContain("correct horse")
			.doesNotContain("another long secret");
	}

	/**
	 * What leaves MongoDB, not only what leaves the service: the users change stream, as
	 * the driver receives it, has no password hash in the looked-up document nor in the
	 * update's {@code updatedFields} (where a real server puts a changed field's new
	 * value; the embedded back-end emits {@code updateDescription} the same way).
	 */
	@Test
	void a_password_change_reaches_the_users_change_stream_without_its_hash() {
		String id = (String) this.admin.post()
			.uri("/api/v1/users")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Fixtures.newUserJson(Fixtures.unique("hashless")))
			.exchange()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("id");
		List<ChangeStreamDocument<Document>> seen = new CopyOnWriteArrayList<>();
		Disposable watching = this.template.getCollection(UserSchema.COLLECTION)
			.flatMapMany((users) -> users.watch(Feed.users.pipeline()).fullDocument(FullDocument.UPDATE_LOOKUP))
			.subscribe(seen::add);
		try {
			await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
				this.admin.patch()
					.uri("/api/v1/users/{id}", id)
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("{\"password\": \"another long secret\"}")
					.exchange()
					.expectStatus()
					.isOk();
				return seen.stream().anyMatch((change) -> isUpdateOf(change, id));
			});
		}
		finally {
			watching.dispose();
		}
		ChangeStreamDocument<Document> update = seen.stream()
			.filter((change) -> isUpdateOf(change, id))
			.findFirst()
			.orElseThrow();
		assertThat(update.getUpdateDescription()).as("an update event describes its fields").isNotNull();
		assertThat(update.getUpdateDescription().getUpdatedFields()).containsKey("updated_at")
			.doesNotContainKey(Feed.SECRET_FIELD);
		assertThat(update.getFullDocument()).containsKey("email").doesNotContainKey(Feed.SECRET_FIELD);
	}

	@Test
	void a_user_sees_exactly_their_own_orders_and_an_admin_sees_all() {
		String sku = Fixtures.unique("OF-");
		Catalogue.product(this.admin, sku, "2.00", null);
		Catalogue.stock(this.admin, sku, 100);
		Account alice = Accounts.signUp(this.anonymous, "alice");
		Account bob = Accounts.signUp(this.anonymous, "bob");
		this.anonymous.get().uri("/api/v1/feeds/orders").exchange().expectStatus().isUnauthorized();

		Runnable placeBoth = () -> {
			place(bob, sku);
			place(alice, sku);
			place(bob, sku);
			place(alice, sku);
		};
		List<String> alices = ownerIds(eventsDuring(this.sse.events("/api/v1/feeds/orders", null, alice.token(), null),
				(event) -> "insert".equals(event.event()), 2, placeBoth));
		assertThat(alices).as("bob's orders come first: seeing one would show here")
			.containsExactly(alice.id(), alice.id());
		List<String> admins = ownerIds(
				eventsDuring(this.sse.events("/api/v1/feeds/orders", this.adminToken, null, null),
						(event) -> "insert".equals(event.event()), 4, placeBoth));
		assertThat(admins).containsExactly(bob.id(), alice.id(), bob.id(), alice.id());
	}

	@Test
	void filters_on_the_shared_stream_and_refuses_unknown_parameters() {
		String wanted = Fixtures.unique("WANT-");
		String other = Fixtures.unique("OTHER-");
		List<String> skus = eventsDuring(this.sse.events("/api/v1/feeds/inventory?sku=" + wanted, null, null, null),
				SseClient::isEvent, 2, () -> {
					Catalogue.stock(this.admin, other, 1);
					Catalogue.stock(this.admin, wanted, 100);
					Catalogue.stock(this.admin, wanted, 2);
				})
			.stream()
			.map((event) -> JSON.readTree(event.data()).get("sku").asString())
			.toList();
		assertThat(skus).as("the other sku changes first: a leak would show here").containsExactly(wanted, wanted);
		List<String> low = eventsDuring(
				this.sse.events("/api/v1/feeds/inventory?below_reorder_point=true", null, null, null),
				(event) -> event.data().contains(wanted) || event.data().contains(other), 1, () -> {
					Catalogue.stock(this.admin, wanted, 100);
					Catalogue.stock(this.admin, other, 1);
				})
			.stream()
			.map((event) -> JSON.readTree(event.data()).get("sku").asString())
			.toList();
		assertThat(low).as("the sku above its reorder point changes first: a leak would show here")
			.containsExactly(other);

		this.anonymous.get().uri("/api/v1/feeds/inventory?colour=red").exchange().expectStatus().isBadRequest();
		this.anonymous.get()
			.uri("/api/v1/feeds/inventory?below_reorder_point=maybe")
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.admin.get().uri("/api/v1/feeds/orders?status=lost").exchange().expectStatus().isBadRequest();
		this.admin.get().uri("/api/v1/feeds/users?role=emperor").exchange().expectStatus().isBadRequest();
		this.admin.get().uri("/api/v1/feeds/everything").exchange().expectStatus().isNotFound();
	}

	@Test
	void an_unknown_last_event_id_gets_resync_before_going_live() {
		String sku = Fixtures.unique("RS-");
		StepVerifier
			.create(this.sse.events("/api/v1/feeds/inventory?sku=" + sku, null, null, "00000000DEADBEEF")
				.filter((event) -> event.event() != null))
			.assertNext((resync) -> {
				assertThat(resync.event()).isEqualTo("resync");
				assertThat(resync.data()).contains("reason");
			})
			.then(() -> Catalogue.stock(this.admin, sku, 1))
			.assertNext((insert) -> assertThat(insert.event()).isEqualTo("insert"))
			.thenCancel()
			.verify(WAIT);
	}

	private void place(Account account, String sku) {
		account.client()
			.post()
			.uri("/api/v1/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Catalogue.order(sku, "1"))
			.exchange()
			.expectStatus()
			.isCreated();
	}

	/**
	 * Subscribes to the frames, runs the blocking steps on a plain thread once the server
	 * has answered (its retry frame), and returns the first {@code count} frames that
	 * match.
	 */
	private static boolean isUpdateOf(ChangeStreamDocument<Document> change, String id) {
		return "update".equals(change.getOperationTypeString())
				&& new ObjectId(id).equals(change.getDocumentKey().getObjectId("_id").getValue());
	}

	private static List<ServerSentEvent<String>> eventsDuring(Flux<ServerSentEvent<String>> frames,
			Predicate<ServerSentEvent<String>> wanted, int count, Runnable steps) {
		AtomicReference<Later> running = new AtomicReference<>();
		List<ServerSentEvent<String>> events = frames.doOnNext((frame) -> {
			if (frame.retry() != null) {
				running.set(Later.run(Duration.ZERO, steps));
			}
		}).filter((frame) -> frame.event() != null && wanted.test(frame)).take(count).collectList().block(WAIT);
		running.get().join();
		return events;
	}

	private static List<String> ownerIds(List<ServerSentEvent<String>> events) {
		return events.stream().map((event) -> JSON.readTree(event.data()).get("user").get("id").asString()).toList();
	}

}
