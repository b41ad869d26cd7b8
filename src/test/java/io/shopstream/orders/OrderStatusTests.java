package io.shopstream.orders;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Status paths (the histories of seeded orders) come from the allowed transitions and
 * nowhere else.
 */
class OrderStatusTests {

	@Test
	void every_status_path_from_pending_takes_only_allowed_steps() {
		for (OrderStatus status : OrderStatus.values()) {
			List<OrderStatus> path = OrderStatus.path(OrderStatus.pending, status);
			assertThat(path).as(status.name()).startsWith(OrderStatus.pending).endsWith(status).doesNotHaveDuplicates();
			for (int i = 1; i < path.size(); i++) {
				assertThat(path.get(i - 1).canBecome(path.get(i))).as(path.toString()).isTrue();
			}
		}
	}

	@Test
	void a_status_path_is_the_shortest_way() {
		assertThat(OrderStatus.path(OrderStatus.pending, OrderStatus.pending)).containsExactly(OrderStatus.pending);
		assertThat(OrderStatus.path(OrderStatus.pending, OrderStatus.cancelled)).containsExactly(OrderStatus.pending,
				OrderStatus.cancelled);
		assertThat(OrderStatus.path(OrderStatus.pending, OrderStatus.delivered)).containsExactly(OrderStatus.pending,
				OrderStatus.processing, OrderStatus.shipped, OrderStatus.delivered);
		assertThat(OrderStatus.path(OrderStatus.processing, OrderStatus.cancelled))
			.containsExactly(OrderStatus.processing, OrderStatus.cancelled);
	}

	@Test
	void a_status_that_cannot_be_reached_has_no_path() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OrderStatus.path(OrderStatus.delivered, OrderStatus.pending));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OrderStatus.path(OrderStatus.shipped, OrderStatus.cancelled));
	}

}
