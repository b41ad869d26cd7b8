package io.shopstream.orders;

import java.time.Clock;
import java.time.Instant;

import io.shopstream.inventory.InventoryService;
import io.shopstream.inventory.InventoryService.Hold;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Gives back stock held for orders that were never recorded: an instance that dies
 * between holding an order's stock and recording the order leaves its holds behind. Every
 * {@code shopstream.orders.hold-check}, each instance looks for holds older than
 * {@code shopstream.orders.hold-timeout}: where the order exists, the hold is settled
 * (the units stay reserved for it); where it does not, the units go back to available.
 * Both are conditional on the hold still being there, so instances doing it at once give
 * back each hold once.
 */
@Component
class AbandonedHolds implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AbandonedHolds.class);

	private final InventoryService inventory;

	private final ReactiveMongoTemplate template;

	private final OrderProperties properties;

	private final Clock clock;

	private volatile Disposable checking;

	AbandonedHolds(InventoryService inventory, ReactiveMongoTemplate template, OrderProperties properties,
			Clock clock) {
		this.inventory = inventory;
		this.template = template;
		this.properties = properties;
		this.clock = clock;
	}

	/** Settles or gives back every hold past its timeout; how many were given back. */
	Mono<Long> reclaim() {
		Instant cutoff = this.clock.instant().minus(this.properties.holdTimeout());
		return this.inventory.holdsTakenBefore(cutoff).concatMap(this::reclaim).filter(Boolean::booleanValue).count();
	}

	private Mono<Boolean> reclaim(Hold hold) {
		return this.template.exists(Query.query(Criteria.where("_id").is(hold.order())), Order.class)
			.flatMap((recorded) -> recorded ? this.inventory.settleHold(hold.sku(), hold.order()).thenReturn(false)
					: this.inventory.releaseHold(hold.sku(), hold.order(), hold.units()).doOnNext((released) -> {
						if (released) {
							log.warn("Gave back {} units of {} held since {} for order {}, which was never recorded",
									hold.units(), hold.sku(), hold.at(), hold.order());
						}
					}));
	}

	@Override
	public void start() {
		this.checking = Flux.interval(this.properties.holdCheck(), this.properties.holdCheck())
			.onBackpressureDrop()
			.concatMap((tick) -> reclaim().onErrorResume((ex) -> {
				log.warn("Looking for abandoned stock holds failed; trying again in {}", this.properties.holdCheck(),
						ex);
				return Mono.empty();
			}))
			.subscribe();
	}

	@Override
	public void stop() {
		if (this.checking != null) {
			this.checking.dispose();
			this.checking = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.checking != null;
	}

}
