package io.shopstream.feeds;

import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each feed's change stream removes at the source, before an event leaves MongoDB.
 * On a real server a password change's update event carries the new hash in
 * {@code updateDescription.updatedFields}, not only in the looked-up document.
 */
class FeedPipelineTests {

	@Test
	void the_users_stream_drops_the_password_hash_wherever_an_event_can_carry_it() {
		List<Document> pipeline = Feed.users.pipeline();
		assertThat(pipeline).hasSize(1);
		Document projection = pipeline.get(0).get("$project", Document.class);
		assertThat(projection).containsEntry("fullDocument.password_hash", 0)
			.containsEntry("fullDocumentBeforeChange.password_hash", 0)
			.containsEntry("updateDescription.updatedFields.password_hash", 0);
		assertThat(projection.values()).as("an exclusion only: every other field still flows").containsOnly(0);
	}

	@Test
	void the_orders_and_inventory_streams_remove_nothing() {
		assertThat(Feed.orders.pipeline()).isEmpty();
		assertThat(Feed.inventory.pipeline()).isEmpty();
	}

}
