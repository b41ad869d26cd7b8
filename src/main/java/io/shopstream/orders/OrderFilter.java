package io.shopstream.orders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.shopstream.platform.web.Ids;
import io.shopstream.platform.web.InvalidRequestException;
import io.shopstream.platform.web.QueryParams;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Filters of the order list and export: {@code status}, {@code from} (inclusive) and
 * {@code to} (exclusive) on the creation time, and for admins {@code user_id}.
 */
record OrderFilter(Optional<OrderStatus> status, Optional<Instant> from, Optional<Instant> to,
		Optional<ObjectId> userId) {

	static OrderFilter from(ServerRequest request, Set<String> otherParameters) {
		Set<String> allowed = new HashSet<>(Set.of("status", "from", "to", "user_id"));
		allowed.addAll(otherParameters);
		QueryParams.allowOnly(request, allowed);
		Optional<Instant> from = QueryParams.instant(request, "from");
		Optional<Instant> to = QueryParams.instant(request, "to");
		if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
			throw InvalidRequestException.forField("from", "must be before 'to'");
		}
		return new OrderFilter(QueryParams.enumValue(request, "status", OrderStatus.class), from, to,
				request.queryParam("user_id").map((id) -> Ids.parse("user_id", id)));
	}

	/**
	 * The index that serves this list newest first: a customer's orders (a status or a
	 * period checked on them), or one status's. The planner chooses for the rest
	 * ({@code created_at_id}, a period or nothing).
	 */
	Optional<String> hint(Optional<ObjectId> onlyUser) {
		if (onlyUser.isPresent() || this.userId.isPresent()) {
			return Optional.of(OrderSchema.BY_CUSTOMER_NEWEST);
		}
		return this.status.map((status) -> OrderSchema.BY_STATUS_NEWEST);
	}

	Criteria criteria(Optional<ObjectId> onlyUser) {
		List<Criteria> all = new ArrayList<>();
		onlyUser.or(() -> this.userId).ifPresent((user) -> all.add(Criteria.where("user._id").is(user)));
		this.status.ifPresent((status) -> all.add(Criteria.where("status").is(status.name())));
		if (this.from.isPresent() || this.to.isPresent()) {
			Criteria created = Criteria.where("created_at");
			this.from.ifPresent(created::gte);
			this.to.ifPresent(created::lt);
			all.add(created);
		}
		return all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
	}

}
