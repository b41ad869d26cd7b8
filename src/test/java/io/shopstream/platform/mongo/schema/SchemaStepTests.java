package io.shopstream.platform.mongo.schema;

import java.util.EnumSet;
import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.shopstream.platform.mongo.Capabilities;
import io.shopstream.platform.mongo.Capability;
import io.shopstream.platform.mongo.OutsideStableApi;
import io.shopstream.support.EmbeddedApiTest;
import io.shopstream.support.Fixtures;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * Each schema step goes where the server accepts it (a text index outside the Stable API,
 * proven usable by a {@code $text} query; everything else through the application's
 * strict client), and a step the server refuses stops start-up naming the collection, the
 * index and the server's message.
 */
@EmbeddedApiTest
class SchemaStepTests {

	private static final Capabilities EVERY_INDEX = new Capabilities("mongodb", "7.0.14", "replica_set",
			EnumSet.of(Capability.SECONDARY_INDEXES));

	@Autowired
	MongoClient client;

	@Value("${shopstream.embedded.database}")
	String databaseName;

	MongoDatabase database;

	final OutsideStableApi outsideStableApi = mock(OutsideStableApi.class);

	@BeforeEach
	void database() {
		this.database = this.client.getDatabase(this.databaseName);
	}

	@Test
	void a_text_index_is_created_outside_the_stable_api_and_proven_by_a_text_query_there() {
		String collection = Fixtures.unique("schema_text_").toLowerCase();
		IndexModel text = new IndexModel(Indexes.compoundIndex(Indexes.text("name"), Indexes.text("description")),
				new IndexOptions().name("name_description_text"));
		IndexModel sku = new IndexModel(Indexes.ascending("sku"), new IndexOptions().name("sku_unique").unique(true));
		given(this.outsideStableApi.createTextIndex(collection, text)).willReturn(Mono.just("name_description_text"));
		given(this.outsideStableApi.textSearch(eq(collection), any(Bson.class), anyInt())).willReturn(Flux.empty());

		initializer(schema(collection, List.of(sku, text))).apply().block();

		then(this.outsideStableApi).should().createTextIndex(collection, text);
		then(this.outsideStableApi).should().textSearch(eq(collection), any(Bson.class), eq(1));
		assertThat(indexNames(collection)).as("indexes the strict client created")
			.contains("sku_unique")
			.doesNotContain("name_description_text");
	}

	@Test
	void a_text_index_the_server_cannot_query_stops_start_up() {
		String collection = Fixtures.unique("schema_text_").toLowerCase();
		IndexModel text = new IndexModel(Indexes.text("name"), new IndexOptions().name("name_text"));
		given(this.outsideStableApi.createTextIndex(collection, text)).willReturn(Mono.just("name_text"));
		given(this.outsideStableApi.textSearch(eq(collection), any(Bson.class), anyInt()))
			.willReturn(Flux.error(new IllegalStateException("text index required for $text query")));

		assertThatExceptionOfType(SchemaStepException.class)
			.isThrownBy(() -> initializer(schema(collection, List.of(text))).apply().block())
			.withMessageContaining("'" + collection + "'")
			.withMessageContaining("creating index name_text")
			.withMessageContaining("text index required for $text query");
	}

	@Test
	void an_index_the_server_refuses_names_the_collection_the_index_and_the_servers_message() {
		String collection = Fixtures.unique("schema_dupes_").toLowerCase();
		Mono.from(this.database.getCollection(collection)
			.insertMany(List.of(new Document("sku", "SAME"), new Document("sku", "SAME")))).block();
		IndexModel unique = new IndexModel(Indexes.ascending("sku"),
				new IndexOptions().name("sku_unique").unique(true));

		assertThatExceptionOfType(SchemaStepException.class)
			.isThrownBy(() -> initializer(schema(collection, List.of(unique))).apply().block())
			.withMessageContaining("'" + collection + "'")
			.withMessageContaining("creating index sku_unique")
			.withMessageContaining("E11000")
			.satisfies((ex) -> assertThat(ex.collection()).isEqualTo(collection));
		then(this.outsideStableApi).shouldHaveNoInteractions();
	}

	@Test
	void a_retired_index_is_dropped_once_its_replacement_exists_and_a_missing_one_is_no_matter() {
		String collection = Fixtures.unique("schema_retired_").toLowerCase();
		Mono.from(this.database.getCollection(collection)
			.createIndex(Indexes.ascending("sku"), new IndexOptions().name("sku_old").unique(true))).block();
		IndexModel replacement = new IndexModel(Indexes.ascending("sku", "store"),
				new IndexOptions().name("sku_store_unique").unique(true));
		SchemaInitializer initializer = initializer(
				schema(collection, List.of(replacement), List.of("sku_old", "never_made")));

		initializer.apply().block();
		assertThat(indexNames(collection)).containsExactly("_id_", "sku_store_unique");

		initializer.apply().block();
		assertThat(indexNames(collection)).containsExactly("_id_", "sku_store_unique");
	}

	private SchemaInitializer initializer(CollectionSchema schema) {
		return new SchemaInitializer(this.database, this.outsideStableApi, EVERY_INDEX, List.of(schema));
	}

	private List<String> indexNames(String collection) {
		return Flux.from(this.database.getCollection(collection).listIndexes())
			.map((index) -> index.getString("name"))
			.collectList()
			.block();
	}

	private static CollectionSchema schema(String collection, List<IndexModel> indexes) {
		return schema(collection, indexes, List.of());
	}

	private static CollectionSchema schema(String collection, List<IndexModel> indexes, List<String> retired) {
		return new CollectionSchema() {

			@Override
			public List<String> retiredIndexes() {
				return retired;
			}

			@Override
			public String collection() {
				return collection;
			}

			@Override
			public Document validator() {
				return new Document();
			}

			@Override
			public List<IndexModel> indexes() {
				return indexes;
			}

		};
	}

}
