package io.shopstream.platform.mongo.schema;

import java.util.List;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.shopstream.platform.mongo.OutsideStableApi;
import io.shopstream.support.MongoDbApiTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What only a real MongoDB enforces: validators, every index kind, and the Stable API.
 */
@MongoDbApiTest
class SchemaOnMongoDbTests {

	@Autowired
	SchemaInitializer initializer;

	@Autowired
	List<CollectionSchema> schemas;

	@Autowired
	ReactiveMongoTemplate template;

	@Autowired
	OutsideStableApi outsideStableApi;

	@Test
	void the_server_rejects_a_user_written_around_the_service_that_breaks_the_schema() {
		Document broken = new Document("email", "not-an-email").append("username", "x");
		assertThatThrownBy(() -> Mono.from(this.template.getCollection("users").block().insertOne(broken)).block())
			.isInstanceOf(MongoWriteException.class)
			.satisfies((ex) -> assertThat(((MongoWriteException) ex).getCode()).isEqualTo(121));
	}

	@Test
	void every_declared_index_exists_no_retired_one_does_and_a_second_run_changes_nothing() {
		for (CollectionSchema schema : this.schemas) {
			assertThat(indexes(schema.collection())).extracting((index) -> index.getString("name"))
				.as(schema.collection())
				.containsAll(schema.indexes().stream().map((index) -> index.getOptions().getName()).toList())
				.doesNotContainAnyElementsOf(schema.retiredIndexes());
		}
		List<Document> before = indexes("users");
		this.initializer.apply().block();
		assertThat(indexes("users")).isEqualTo(before);
	}

	/**
	 * Strict mode refuses text indexes ({@code StableApiContract}); Shopstream's went
	 * through {@link OutsideStableApi} and answers {@code $text} there.
	 */
	@Test
	void the_text_index_exists_and_answers_outside_the_stable_api() {
		MongoDatabase database = this.template.getMongoDatabase().block();
		assertThat(Flux.from(database.getCollection("products").listIndexes()).collectList().block())
			.extracting((index) -> index.getString("name"))
			.contains("name_description_text");
		// a $text query without a usable text index fails with NoQueryExecutionPlans
		assertThatCode(
				() -> this.outsideStableApi.textSearch("products", Filters.text("anything"), 1).collectList().block())
			.doesNotThrowAnyException();
	}

	private List<Document> indexes(String collection) {
		return Flux.from(this.template.getCollection(collection).block().listIndexes()).collectList().block();
	}

}
