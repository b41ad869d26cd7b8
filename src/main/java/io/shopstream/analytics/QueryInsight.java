package io.shopstream.analytics;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.shopstream.platform.mongo.Capabilities;
import io.shopstream.platform.mongo.Capability;
import io.shopstream.platform.mongo.OutsideStableApi;
import io.shopstream.platform.mongo.schema.CollectionSchema;
import io.shopstream.platform.web.InvalidRequestException;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Index and plan insight for admins: every collection's indexes with their options, and
 * the winning plan of a find. Explain goes through {@link OutsideStableApi}, since the
 * find it explains may use {@code $text}, which strict mode leaves without its index; the
 * embedded back-end has no explain at all (501).
 */
@Component
class QueryInsight {

	private final ReactiveMongoTemplate template;

	private final Capabilities capabilities;

	private final OutsideStableApi outsideStableApi;

	private final Set<String> collections;

	private final Clock clock;

	QueryInsight(ReactiveMongoTemplate template, Capabilities capabilities, OutsideStableApi outsideStableApi,
			List<CollectionSchema> schemas, Clock clock) {
		this.template = template;
		this.capabilities = capabilities;
		this.outsideStableApi = outsideStableApi;
		this.collections = new TreeSet<>(schemas.stream().map(CollectionSchema::collection).toList());
		this.clock = clock;
	}

	Mono<Map<String, Object>> indexes() {
		Instant asOf = this.clock.instant();
		return Flux.fromIterable(this.collections)
			.concatMap((name) -> this.template.getCollection(name)
				.flatMapMany((collection) -> Flux.from(collection.listIndexes()))
				.map(QueryInsight::describe)
				.collectList()
				.map((indexes) -> Map.entry(name, indexes)))
			.collectList()
			.map((entries) -> {
				Map<String, Object> byCollection = new LinkedHashMap<>();
				entries.forEach((entry) -> byCollection.put(entry.getKey(), entry.getValue()));
				Map<String, Object> answer = new LinkedHashMap<>();
				answer.put("as_of", asOf.toString());
				answer.put("collections", byCollection);
				return answer;
			});
	}

	Mono<Map<String, Object>> explain(ExplainRequest request) {
		this.capabilities.require(Capability.EXPLAIN);
		if (!this.collections.contains(request.collection())) {
			throw InvalidRequestException.forField("collection", "must be one of " + this.collections);
		}
		Document find = new Document("find", request.collection()).append("filter", request.filter());
		if (!request.sort().isEmpty()) {
			find.append("sort", request.sort());
		}
		if (request.hint() != null) {
			find.append("hint", request.hint());
		}
		Document command = new Document("explain", find).append("verbosity", "executionStats");
		return this.outsideStableApi.explain(command).map((plan) -> summarize(plan, request.collection()));
	}

	private Map<String, Object> summarize(Document explained, String collection) {
		Document planner = explained.get("queryPlanner", Document.class);
		Document winning = (planner != null) ? planner.get("winningPlan", Document.class) : new Document();
		Document stats = explained.get("executionStats", Document.class);
		List<String> stages = new ArrayList<>();
		String index = stages(winning, stages);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("as_of", this.clock.instant().toString());
		answer.put("collection", collection);
		answer.put("stages", stages);
		answer.put("index_used", index);
		answer.put("collection_scan", stages.contains("COLLSCAN"));
		if (stats != null) {
			answer.put("keys_examined", stats.get("totalKeysExamined"));
			answer.put("docs_examined", stats.get("totalDocsExamined"));
			answer.put("returned", stats.get("nReturned"));
		}
		answer.put("winning_plan", winning.toJson());
		return answer;
	}

	/** The plan's stages, outermost first; returns the index an IXSCAN used, if any. */
	private static String stages(Document plan, List<String> stages) {
		String index = null;
		Document current = plan;
		while (current != null) {
			String stage = current.getString("stage");
			if (stage != null) {
				stages.add(stage);
			}
			if (current.getString("indexName") != null) {
				index = current.getString("indexName");
			}
			Object input = current.get("inputStage");
			if (input == null && current.get("queryPlan") instanceof Document nested) {
				input = nested;
			}
			current = (input instanceof Document next) ? next : null;
		}
		return index;
	}

	private static Map<String, Object> describe(Document index) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("name", index.getString("name"));
		Document keys = index.get("key", Document.class);
		description.put("keys", keys);
		description.put("unique", Boolean.TRUE.equals(index.getBoolean("unique")));
		description.put("kind", kind(keys));
		if (index.get("partialFilterExpression") != null) {
			description.put("partial_filter", index.get("partialFilterExpression"));
		}
		if (index.get("expireAfterSeconds") != null) {
			description.put("ttl_seconds", index.get("expireAfterSeconds"));
		}
		return description;
	}

	private static String kind(Document keys) {
		if (keys == null) {
			return "regular";
		}
		for (Map.Entry<String, Object> key : keys.entrySet()) {
			if (key.getKey().contains("$**")) {
				return "wildcard";
			}
			if ("text".equals(key.getValue()) || key.getKey().equals("_fts")) {
				return "text";
			}
			if ("2dsphere".equals(key.getValue())) {
				return "2dsphere";
			}
		}
		return "regular";
	}

}
