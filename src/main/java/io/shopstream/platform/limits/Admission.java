package io.shopstream.platform.limits;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopstream.platform.security.Caller;
import io.shopstream.platform.web.ServiceUnavailableException;
import io.shopstream.platform.web.TooManyRequestsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;

/**
 * Admits long-lived or expensive work, or refuses it at once. A refusal costs no database
 * call: the instance is full (503, try another replica) or this client already holds its
 * share (429). What is admitted is held until its exchange ends ({@link HeldPermits}).
 * Every refusal is counted in {@code shopstream.limits.rejected}, and every pool's use
 * and size are gauges.
 */
@Component
public class Admission {

	private static final Logger log = LoggerFactory.getLogger(Admission.class);

	private final LimitsProperties properties;

	private final PermitPool feeds;

	private final ClientPermits feedsPerClient;

	private final PermitPool catchUps;

	private final Map<Work, PermitPool> work = new EnumMap<>(Work.class);

	private final MeterRegistry registry;

	public Admission(LimitsProperties properties, MeterRegistry registry) {
		this.properties = properties;
		this.registry = registry;
		long maxHeap = Runtime.getRuntime().maxMemory();
		this.feeds = pool("feeds", properties.feedCapacity(maxHeap));
		this.catchUps = pool("catch-up-cursors", properties.catchUpCursors());
		this.work.put(Work.REPORT, pool(Work.REPORT.limit(), properties.concurrentReports()));
		this.work.put(Work.EXPORT, pool(Work.EXPORT.limit(), properties.concurrentExports()));
		this.work.put(Work.IMPORT, pool(Work.IMPORT.limit(), properties.concurrentImports()));
		this.feedsPerClient = (properties.feedsPerClient() > 0) ? new ClientPermits(properties.feedsPerClient()) : null;
		if (properties.feedsPerInstance() > 0) {
			log.info("Feed connections: at most {} on this instance (configured); per client: {}",
					this.feeds.capacity(), perClient());
		}
		else {
			log.info(
					"Feed connections: at most {} on this instance ({} of the {} MB maximum heap at {} per subscriber); "
							+ "per client: {}",
					this.feeds.capacity(), properties.feedHeapShare(), DataSize.ofBytes(maxHeap).toMegabytes(),
					properties.feedSubscriberHeap(), perClient());
		}
	}

	/**
	 * Admits a feed connection for the rest of its exchange.
	 * @throws ServiceUnavailableException when the instance holds all the feeds it may
	 * @throws TooManyRequestsException when this client holds all the feeds it may
	 */
	public void admitFeed(ServerWebExchange exchange, Optional<Caller> caller) {
		Permit own = null;
		if (this.feedsPerClient != null) {
			own = this.feedsPerClient.tryAcquire(ClientKeys.of(exchange, caller)).orElseThrow(() -> {
				refused(exchange, "feeds-per-client");
				return new TooManyRequestsException(
						"You have " + this.properties.feedsPerClient()
								+ " live feeds open, the most one client may; close one first",
						this.properties.retryAfter());
			});
		}
		Optional<Permit> instance = this.feeds.tryAcquire();
		if (instance.isEmpty()) {
			if (own != null) {
				own.release();
			}
			refused(exchange, "feeds");
			throw new ServiceUnavailableException("This instance has as many live feeds open as it can carry; "
					+ "try again, another instance may take it", this.properties.retryAfter());
		}
		HeldPermits.hold(exchange, (own != null) ? instance.get().and(own) : instance.get());
	}

	/**
	 * Admits expensive work for the rest of its exchange.
	 * @throws ServiceUnavailableException when the instance is running all it may of this
	 * kind
	 */
	public void admit(ServerWebExchange exchange, Work kind) {
		Permit permit = this.work.get(kind).tryAcquire().orElseThrow(() -> {
			refused(exchange, kind.limit());
			return new ServiceUnavailableException(
					"This instance is running as many " + kind.limit() + " as it may at once; try again shortly",
					this.properties.retryAfter());
		});
		HeldPermits.hold(exchange, permit);
	}

	/** A place for one catch-up cursor, or empty (and counted) when all are taken. */
	public Optional<Permit> catchUpCursor() {
		Optional<Permit> permit = this.catchUps.tryAcquire();
		if (permit.isEmpty()) {
			rejected("catch-up-cursors");
		}
		return permit;
	}

	private PermitPool pool(String name, int capacity) {
		PermitPool pool = new PermitPool(capacity);
		Gauge.builder("shopstream.limits.in_use", pool, PermitPool::inUse)
			.tag("limit", name)
			.description("Places taken in a limited pool")
			.register(this.registry);
		Gauge.builder("shopstream.limits.capacity", pool, PermitPool::capacity)
			.tag("limit", name)
			.description("Size of a limited pool")
			.register(this.registry);
		return pool;
	}

	/** Counts a refusal whose answer says nothing about the request rate. */
	private void refused(ServerWebExchange exchange, String limit) {
		RequestRateLimits.withdrawFields(exchange);
		rejected(limit);
	}

	private void rejected(String limit) {
		Counter.builder("shopstream.limits.rejected")
			.tag("limit", limit)
			.description("Requests refused by an overload limit")
			.register(this.registry)
			.increment();
	}

	private String perClient() {
		return (this.feedsPerClient != null) ? String.valueOf(this.properties.feedsPerClient()) : "no limit";
	}

}
