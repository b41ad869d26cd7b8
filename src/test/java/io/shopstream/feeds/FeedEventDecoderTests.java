package io.shopstream.feeds;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import com.mongodb.client.model.changestream.ChangeStreamDocument;
import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Decoding a change into the event every subscriber gets, without Spring or a database.
 */
@ExtendWith(OutputCaptureExtension.class)
class FeedEventDecoderTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

	@Test
	void a_document_that_does_not_read_as_the_record_goes_out_with_its_key_and_is_logged_without_its_content(
			CapturedOutput output) {
		ObjectId id = new ObjectId();
		Document unreadable = new Document("_id", id).append("sku", "SKU-NOT-FOR-LOGS").append("quantity", "many");

		FeedEvent event = decoder().decode(Feed.inventory, change("8263AA", id, unreadable));

		assertThat(event.view()).isNull();
		assertThat(event.documentId()).isEqualTo(id.toHexString());
		assertThat(output.getOut()).contains("WARN", "inventory", id.toHexString(), "Exception")
			.doesNotContain("SKU-NOT-FOR-LOGS");
	}

	@Test
	void a_change_without_a_cluster_time_is_dated_by_the_clock() {
		ObjectId id = new ObjectId();

		FeedEvent event = decoder().decode(Feed.inventory,
				new ChangeStreamDocument<>("delete", new BsonDocument("_data", new BsonString("8263AB")), null, null,
						null, null, null, new BsonDocument("_id", new BsonObjectId(id)), null, null, null, null, null,
						null, null));

		assertThat(event.clusterTime()).isEqualTo(this.clock.instant());
		assertThat(new String(event.frame(), StandardCharsets.UTF_8)).startsWith("id: 8263AB\nevent: delete\ndata: ")
			.contains("\"cluster_time\":\"2026-12-01T10:00:00Z\"");
	}

	private FeedEventDecoder decoder() {
		MappingMongoConverter converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE,
				new MongoMappingContext());
		converter.afterPropertiesSet();
		ReactiveMongoTemplate template = mock(ReactiveMongoTemplate.class);
		given(template.getConverter()).willReturn(converter);
		return new FeedEventDecoder(template, JsonMapper.builder().build(), this.clock);
	}

	private static ChangeStreamDocument<Document> change(String token, ObjectId id, Document document) {
		return new ChangeStreamDocument<>("update", new BsonDocument("_data", new BsonString(token)), null, null, null,
				document, null, new BsonDocument("_id", new BsonObjectId(id)), new BsonTimestamp(1_764_583_200, 1),
				null, null, null, null, null, null);
	}

}
