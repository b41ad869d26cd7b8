package io.shopstream.platform.limits;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Ties permits to the request that took them: whatever a handler admits is released when
 * the exchange ends, by completion, error or the client going away. A handler's own
 * stream may never be subscribed (the client can leave between the handler's answer and
 * its body being written), so the end of the whole exchange is the one place that always
 * runs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class HeldPermits implements WebFilter {

	private static final String ATTRIBUTE = HeldPermits.class.getName();

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Held held = new Held();
		exchange.getAttributes().put(ATTRIBUTE, held);
		return chain.filter(exchange).doFinally((signal) -> held.end());
	}

	/** Holds the permit until the exchange ends; at once released if it already has. */
	static void hold(ServerWebExchange exchange, Permit permit) {
		Held held = exchange.getAttribute(ATTRIBUTE);
		if (held == null) {
			permit.release();
			throw new IllegalStateException("HeldPermits is not installed: a permit could never be released");
		}
		held.add(permit);
	}

	/**
	 * The permits of one exchange. A permit added after the end, by a handler still
	 * running, is released too.
	 */
	private static final class Held {

		private final Queue<Permit> permits = new ConcurrentLinkedQueue<>();

		private volatile boolean ended;

		void add(Permit permit) {
			this.permits.add(permit);
			if (this.ended) {
				drain();
			}
		}

		void end() {
			this.ended = true;
			drain();
		}

		private void drain() {
			for (Permit permit = this.permits.poll(); permit != null; permit = this.permits.poll()) {
				permit.release();
			}
		}

	}

}
