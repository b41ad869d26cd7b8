package io.shopstream.platform.mongo.schema;

import java.util.List;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.shopstream.support.EmbeddedApiTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schema initialisation on the embedded back-end: it ran, it skipped what it must, and it
 * is idempotent.
 */
@EmbeddedApiTest
class SchemaInitializerTests {

	@Autowired
	SchemaInitializer initializer;

	@Autowired
	ReactiveMongoTemplate template;

	@Test
	void created_the_unique_indexes_and_skipped_what_the_embedded_back_end_lacks() {
		assertThat(indexNames("users")).contains("email_unique", "username_unique")
			.doesNotContain("created_at_desc", "status_id");
	}

	@Test
	void running_again_changes_nothing() {
		List<Document> before = indexes("users");
		List<String> collectionsBefore = collections();
		this.initializer.apply().block();
		this.initializer.apply().block();
		assertThat(indexes("users")).isEqualTo(before);
		assertThat(collections()).isEqualTo(collectionsBefore);
	}

	private List<String> indexNames(String collection) {
		return indexes(collection).stream().map((index) -> index.getString("name")).toList();
	}

	private List<Document> indexes(String collection) {
		return Flux.from(database().getCollection(collection).listIndexes()).collectList().block();
	}

	private List<String> collections() {
		return Flux.from(database().listCollectionNames()).sort().collectList().block();
	}

	private MongoDatabase database() {
		return this.template.getMongoDatabase().block();
	}

}
