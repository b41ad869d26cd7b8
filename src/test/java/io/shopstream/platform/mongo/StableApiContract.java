package io.shopstream.platform.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.shopstream.support.Fixtures;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The application's client runs in Stable API V1 strict mode, and the server holds it to
 * MongoDB 7.0's rules: a command outside V1, a text index or a {@code $text} query are
 * refused; the same operations succeed through {@link OutsideStableApi}. Run on the
 * embedded back-end by {@link StableApiTests} and on a real MongoDB by
 * {@link StableApiOnMongoDbTests}.
 */
abstract class StableApiContract {

	@Autowired
	MongoClient client;

	@Autowired
	ReactiveMongoTemplate template;

	@Autowired
	OutsideStableApi outsideStableApi;

	@Test
	void a_command_outside_api_v1_is_refused() {
		assertThatThrownBy(() -> run(this.client.getDatabase("admin"), new Document("buildInfo", 1)))
			.isInstanceOf(MongoCommandException.class)
			.satisfies((ex) -> assertThat(((MongoCommandException) ex).getErrorCode())
				.isEqualTo(StableApiV1.API_STRICT_ERROR));
		assertThat(this.outsideStableApi.buildInfo().block()).containsKey("version");
	}

	@Test
	void a_text_index_is_refused_in_strict_mode() {
		String collection = Fixtures.unique("strict_text_").toLowerCase();
		assertThatThrownBy(() -> Mono
			.from(database().getCollection(collection)
				.createIndex(Indexes.text("name"), new IndexOptions().name("name_text")))
			.block()).isInstanceOf(MongoCommandException.class)
			.satisfies((ex) -> assertThat(((MongoCommandException) ex).getErrorCodeName()).isEqualTo("APIStrictError"));
	}

	@Test
	void a_text_query_finds_no_index_in_strict_mode() {
		assertThatThrownBy(() -> Flux.from(database().getCollection("products").find(Filters.text("coffee")))
			.collectList()
			.block()).isInstanceOf(MongoCommandException.class)
			.satisfies((ex) -> assertThat(((MongoCommandException) ex).getErrorCodeName())
				.isEqualTo("NoQueryExecutionPlans"));
	}

	@Test
	void commands_in_api_v1_are_served() {
		assertThat(run(database(), new Document("ping", 1)).get("ok", Number.class).intValue()).isEqualTo(1);
		assertThat(run(this.client.getDatabase("admin"), new Document("hello", 1)).getBoolean("isWritablePrimary"))
			.isTrue();
	}

	private MongoDatabase database() {
		return this.template.getMongoDatabase().block();
	}

	private static Document run(MongoDatabase database, Document command) {
		return Mono.from(database.runCommand(command)).block();
	}

}
