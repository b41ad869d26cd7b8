package io.shopstream.support;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.shopstream.platform.mongo.schema.CollectionSchema;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule the build holds the service's commands to catches what breaks it and lets
 * through what keeps it.
 */
class CommandRulesTests {

	private static final String STRICT = ", apiVersion: '1', apiStrict: true";

	private final CommandRules rules = new CommandRules(List.of(new CollectionSchema() {

		@Override
		public String collection() {
			return "orders";
		}

		@Override
		public Document validator() {
			return new Document();
		}

		@Override
		public List<IndexModel> indexes() {
			return List.of(
					new IndexModel(
							Indexes.compoundIndex(Indexes.ascending("user._id"), Indexes.descending("created_at")),
							new IndexOptions().name("user_created_at")),
					new IndexModel(Indexes.ascending("status"), new IndexOptions().name("status")),
					new IndexModel(Indexes.ascending("order_number"),
							new IndexOptions().name("order_number_unique").unique(true)),
					new IndexModel(Indexes.text("note"), new IndexOptions().name("note_text")));
		}

	}));

	@Test
	void a_strict_command_outside_api_v1_breaks_the_stable_api_rule() {
		assertThat(check("buildInfo", "{buildInfo: 1" + STRICT + "}")).singleElement()
			.asString()
			.contains("not in API V1");
		assertThat(check("ping", "{ping: 1" + STRICT + "}")).isEmpty();
	}

	@Test
	void only_outside_stable_api_operations_go_without_strict_mode() {
		assertThat(check("buildInfo", "{buildInfo: 1, apiVersion: '1'}")).isEmpty();
		assertThat(check("find", "{find: 'scratch', filter: {$text: {$search: 'tea'}}, apiVersion: '1'}")).isEmpty();
		assertThat(check("find", "{find: 'scratch', filter: {a: 1}, apiVersion: '1'}")).singleElement()
			.asString()
			.contains("without strict mode");
		assertThat(check("insert", "{insert: 'scratch', documents: []}")).singleElement()
			.asString()
			.contains("without an API version");
		assertThat(check("getMore", "{getMore: 1, collection: 'orders'}")).isEmpty();
	}

	@Test
	void a_read_in_a_transaction_must_be_from_the_primary() {
		assertThat(check("find",
				"{find: 'scratch', filter: {}, autocommit: false, txnNumber: 1,"
						+ " $readPreference: {mode: 'primaryPreferred'}" + STRICT + "}"))
			.singleElement()
			.asString()
			.contains("must be primary");
		assertThat(check("find", "{find: 'scratch', filter: {}, autocommit: false, txnNumber: 1,"
				+ " $readPreference: {mode: 'primary'}" + STRICT + "}"))
			.isEmpty();
	}

	@Test
	void server_side_javascript_is_refused_wherever_it_hides() {
		assertThat(check("aggregate",
				"{aggregate: 'scratch', pipeline: [{$match: {$expr: {$function: {}}}}]" + STRICT + "}"))
			.singleElement()
			.asString()
			.contains("$function");
		assertThat(check("find", "{find: 'scratch', filter: {$where: 'true'}" + STRICT + "}")).singleElement()
			.asString()
			.contains("$where");
	}

	@Test
	void a_query_on_a_declared_collection_must_be_served_by_a_declared_index() {
		assertThat(check("find", "{find: 'orders', filter: {'user._id': 1}, sort: {created_at: -1}" + STRICT + "}"))
			.as("equality then sort: a prefix")
			.isEmpty();
		assertThat(check("find", "{find: 'orders', filter: {'user._id': 1}, sort: {created_at: 1}" + STRICT + "}"))
			.as("the whole sort reversed: the index read backwards")
			.isEmpty();
		assertThat(check("find", "{find: 'orders', filter: {_id: 1, status: 'paid'}" + STRICT + "}")).isEmpty();
		assertThat(
				check("update",
						"{update: 'orders', updates: [{q: {order_number: 'N1', total: {$gte: 5}},"
								+ " u: {$set: {a: 1}}}]" + STRICT + "}"))
			.as("one document at most, by a unique index")
			.isEmpty();
		assertThat(check("find", "{find: 'orders', filter: {$text: {$search: 'gift'}}, apiVersion: '1'}")).isEmpty();
		assertThat(check("find", "{find: 'orders', filter: {created_at: {$gt: 1}}" + STRICT + "}"))
			.as("a range on the second key only")
			.singleElement()
			.asString()
			.contains("no declared index serves");
		assertThat(check("update",
				"{update: 'orders', updates: [{q: {status: 'paid', total: 5}, u: {$set: {a: 1}}}]" + STRICT + "}"))
			.as("a field beyond the index")
			.hasSize(1);
		assertThat(check("aggregate", "{aggregate: 'orders', pipeline: [{$group: {_id: '$status'}}]" + STRICT + "}"))
			.as("a scan of the whole collection")
			.hasSize(1);
		assertThat(check("find", "{find: 'scratch', filter: {anything: 1}" + STRICT + "}"))
			.as("not a declared collection")
			.isEmpty();
	}

	@Test
	void a_hinted_index_must_bound_the_scan_and_give_the_sort() {
		assertThat(check("find",
				"{find: 'orders', filter: {'user._id': 1, status: 'paid', total: {$gt: 5}},"
						+ " sort: {created_at: -1}, hint: 'user_created_at'" + STRICT + "}"))
			.as("equality on the leading key, then the sort; the rest checked on the customer's orders")
			.isEmpty();
		assertThat(
				check("find", "{find: 'orders', filter: {status: 'paid', total: 5}, hint: {status: 1}" + STRICT + "}"))
			.as("hinted by its keys, no sort")
			.isEmpty();
		assertThat(check("find", "{find: 'orders', filter: {total: 5}, hint: 'status'" + STRICT + "}"))
			.as("a hint whose index the query does not bound: a full index scan")
			.singleElement()
			.asString()
			.contains("hint \"status\"");
		assertThat(check("find",
				"{find: 'orders', filter: {status: 'paid'}, sort: {created_at: -1}, hint: 'status'" + STRICT + "}"))
			.as("a hint whose index cannot give the sort")
			.hasSize(1);
		assertThat(check("find",
				"{find: 'orders', filter: {'user._id': 1}, sort: {created_at: -1, _id: -1},"
						+ " hint: 'user_created_at'" + STRICT + "}"))
			.as("a sort longer than the hinted index")
			.hasSize(1);
		assertThat(check("find", "{find: 'orders', filter: {status: 'paid'}, hint: 'no_such_index'" + STRICT + "}"))
			.as("a hint naming no declared index")
			.hasSize(1);
	}

	@Test
	void a_tests_own_look_up_is_held_to_every_rule_but_the_index_rule() {
		assertThat(check("find",
				"{find: 'orders', filter: {total: 5}, comment: '" + CommandRules.TEST_LOOKUP + "'" + STRICT + "}"))
			.isEmpty();
		assertThat(check("find", "{find: 'orders', filter: {total: 5}, comment: 'another comment'" + STRICT + "}"))
			.hasSize(1);
		assertThat(check("find", "{find: 'orders', filter: {$where: 'true'}, comment: '" + CommandRules.TEST_LOOKUP
				+ "'" + STRICT + "}"))
			.singleElement()
			.asString()
			.contains("server-side JavaScript");
	}

	private List<String> check(String name, String json) {
		return this.rules.check(name, BsonDocument.parse(json));
	}

}
