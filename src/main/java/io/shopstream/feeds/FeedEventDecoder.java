package io.shopstream.feeds;

import java.time.Clock;
import java.time.Instant;

import com.mongodb.client.model.changestream.ChangeStreamDocument;
import io.shopstream.inventory.InventoryItem;
import io.shopstream.orders.Order;
import io.shopstream.users.User;
import io.shopstream.users.UserView;
import org.bson.BsonValue;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.stereotype.Component;

/**
 * Turns a change event into a {@link FeedEvent}: the document read into the same record
 * the REST API returns (a user becomes a {@link UserView}, without any password
 * material), plus {@code document_key} and {@code cluster_time}, encoded as one SSE
 * frame.
 */
@Component
class FeedEventDecoder {

	private static final Logger log = LoggerFactory.getLogger(FeedEventDecoder.class);

	private final MongoConverter converter;

	private final JsonMapper json;

	private final Clock clock;

	FeedEventDecoder(ReactiveMongoTemplate template, JsonMapper json, Clock clock) {
		this.converter = template.getConverter();
		this.json = json;
		this.clock = clock;
	}

	FeedEvent decode(Feed feed, ChangeStreamDocument<Document> change) {
		String token = change.getResumeToken().getString("_data").getValue();
		String operation = change.getOperationTypeString();
		Instant clusterTime = (change.getClusterTime() != null)
				? Instant.ofEpochSecond(change.getClusterTime().getTime()) : this.clock.instant();
		String id = (change.getDocumentKey() != null) ? id(change.getDocumentKey().get("_id")) : null;
		Object view = view(feed, id, change.getFullDocument());
		ObjectNode data = (view != null) ? this.json.valueToTree(view) : this.json.createObjectNode();
		data.putObject("document_key").put("id", id);
		data.put("cluster_time", clusterTime.toString());
		return new FeedEvent(token, operation, clusterTime, id, view,
				SseFrames.event(token, operation, this.json.writeValueAsString(data)));
	}

	/**
	 * The document in its API shape; null when there is none (a delete, or an update
	 * whose document was gone by the time of its lookup), or one that does not read as
	 * the feature's record (written around the service). Such an event still goes out
	 * with its document key, and never stops the stream. The failure is logged with the
	 * collection and the key, never the document, which may hold what must not reach a
	 * log.
	 */
	private Object view(Feed feed, String id, Document document) {
		if (document == null || !document.containsKey("_id")) {
			return null;
		}
		try {
			return switch (feed) {
				case users -> UserView.of(this.converter.read(User.class, document));
				case orders -> this.converter.read(Order.class, document);
				case inventory -> this.converter.read(InventoryItem.class, document);
			};
		}
		catch (RuntimeException ex) {
			log.warn("A {} document {} does not read as the API's record; sending its key only", feed.collection(), id,
					ex);
			return null;
		}
	}

	private static String id(BsonValue id) {
		if (id == null) {
			return null;
		}
		return id.isObjectId() ? id.asObjectId().getValue().toHexString()
				: id.isString() ? id.asString().getValue() : id.toString();
	}

}
