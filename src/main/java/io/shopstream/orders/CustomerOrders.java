package io.shopstream.orders;

import java.util.List;

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
 * user. The lookup's own pipeline keeps the newest {@value #MAX_ORDERS} orders, so the
 * joined document stays far below the 16 MB limit whatever the customer's history. It
 * matches with {@code $expr: {$eq: ["$user._id", "$$user_id"]}}, which MongoDB 5.0+
 * serves from the {@code user_created_at} index of {@code orders} (the manual's
 * {@code $expr}: "The $eq, $lt, $lte, $gt, and $gte comparison operators placed in an
 * $expr operator can use an index on the from collection referenced in a $lookup stage"),
 * and both back-ends run. The full history is {@code GET /orders?user_id=} with keyset
 * pages.
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

	CustomerOrders(ReactiveMongoTemplate template) {
		this.template = template;
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

	private static Document lookup() {
		Document sameUser = new Document("$expr", new Document("$eq", List.of("$user._id", "$$user_id")));
		return new Document("from", OrderSchema.COLLECTION).append("let", new Document("user_id", "$_id"))
			.append("pipeline",
					List.of(new Document("$match", sameUser), new Document("$sort", new Document("created_at", -1)),
							new Document("$limit", MAX_ORDERS)))
			.append("as", JOINED);
	}

	private View toView(Document joined) {
		List<Order> orders = joined.getList(JOINED, Document.class)
			.stream()
			.map((order) -> this.template.getConverter().read(Order.class, order))
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
