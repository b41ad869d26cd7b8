package io.shopstream.orders;

import java.util.Comparator;
import java.util.List;

import io.shopstream.platform.mongo.Capabilities;
import io.shopstream.platform.mongo.Capability;
import io.shopstream.platform.security.Caller;
import io.shopstream.platform.web.NotFoundException;
import io.shopstream.users.UserSchema;
import org.bson.Document;
import org.bson.types.ObjectId;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code GET /users/{id}/orders}: the playbook's answer to N+1 queries, one aggregation
 * on {@code users} with a {@code $lookup} of the user's orders, instead of a query per
 * user. On a real MongoDB the lookup's own pipeline keeps the newest {@value #MAX_ORDERS}
 * orders, so the joined document stays far below the 16 MB limit whatever the customer's
 * history; the embedded back-end lacks that form, so there the plain lookup is cut in
 * Java. The full history is {@code GET /orders?user_id=} with keyset pages.
 */
@Component
class CustomerOrders {

	static final int MAX_ORDERS = 100;

	/**
	 * The field of the joined user document that holds their orders (a field, not the
	 * collection).
	 */
	private static final String JOINED = "orders";

	private final ReactiveMongoTemplate template;

	private final boolean lookupPipelines;

	CustomerOrders(ReactiveMongoTemplate template, Capabilities capabilities) {
		this.template = template;
		this.lookupPipelines = capabilities.has(Capability.LOOKUP_PIPELINES);
	}

	Mono<View> of(Caller caller, ObjectId userId) {
		if (!caller.mayActFor(userId.toHexString())) {
			return Mono.error(notFound(userId));
		}
		List<Document> pipeline = List.of(
				new Document("$match", new Document("_id", userId).append("status", new Document("$ne", "deleted"))),
				new Document("$lookup", lookup()),
				new Document("$project", new Document("email", 1).append("username", 1).append(JOINED, 1)));
		return this.template.getCollection(UserSchema.COLLECTION)
			.flatMap((users) -> Mono.from(users.aggregate(pipeline).first()))
			.map(this::toView)
			.switchIfEmpty(Mono.error(() -> notFound(userId)));
	}

	private Document lookup() {
		Document lookup = new Document("from", OrderSchema.COLLECTION).append("localField", "_id")
			.append("foreignField", "user._id")
			.append("as", JOINED);
		if (this.lookupPipelines) {
			lookup.append("pipeline",
					List.of(new Document("$sort", new Document("created_at", -1)), new Document("$limit", MAX_ORDERS)));
		}
		return lookup;
	}

	private View toView(Document joined) {
		List<Order> orders = joined.getList(JOINED, Document.class)
			.stream()
			.map((order) -> this.template.getConverter().read(Order.class, order))
			.sorted(Comparator.comparing(Order::createdAt).reversed())
			.limit(MAX_ORDERS)
			.toList();
		return new View(joined.getObjectId("_id").toHexString(), joined.getString("email"),
				joined.getString("username"), orders);
	}

	private static NotFoundException notFound(ObjectId id) {
		return new NotFoundException("No user with id " + id.toHexString());
	}

	/** A customer with their newest orders. */
	record View(String userId, String email, String username, List<Order> orders) {
	}

}
