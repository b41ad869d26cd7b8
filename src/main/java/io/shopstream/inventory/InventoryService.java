package io.shopstream.inventory;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import io.shopstream.inventory.InventoryItem.WarehouseStock;
import io.shopstream.platform.web.ConflictException;
import io.shopstream.platform.web.NotFoundException;
import org.bson.Document;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Stock changes, each one conditional atomic update on the sku's document: the condition
 * ({@code available >= n}, {@code reserved >= n}) and the change are one operation, so
 * concurrent orders can never take more than there is. Where the new state is returned,
 * it comes from the same operation (findAndModify with {@code new: true}).
 */
@Service
public class InventoryService {

	/** The holds of orders being placed, in a sku's document. */
	static final String HOLDS = "holds";

	private static final String HOLD_ORDER = "order";

	private static final String HOLD_UNITS = "units";

	private static final String HOLD_AT = "at";

	private final ReactiveMongoTemplate template;

	private final Clock clock;

	InventoryService(ReactiveMongoTemplate template, Clock clock) {
		this.template = template;
		this.clock = clock;
	}

	public Mono<InventoryItem> get(String sku) {
		return this.template.findOne(bySku(sku), InventoryItem.class)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("No inventory for sku " + sku)));
	}

	/**
	 * Takes n units out of available into reserved for an order being placed, and records
	 * a hold naming the order, all in one update of the sku's document, or fails with 409
	 * when fewer are available. Outside a transaction, concurrent updates of one hot
	 * document are serialized by the server, which retries its own write conflicts
	 * without limit ({@code writeConflictRetry},
	 * {@code src/mongo/db/concurrency/exception_util.h}), so a burst of orders for one
	 * sku never runs out of retries. The hold stays until {@link #settleHold} (the order
	 * was recorded) or {@link #releaseHold} (it never will be).
	 */
	public Mono<Void> hold(String sku, long units, ObjectId order) {
		Instant now = this.clock.instant();
		Query query = Query.query(Criteria.where("sku").is(sku).and("available").gte(units));
		Update update = new Update().inc("available", -units)
			.inc("reserved", units)
			.push(HOLDS, new Document(HOLD_ORDER, order).append(HOLD_UNITS, units).append(HOLD_AT, Date.from(now)))
			.set("updated_at", now);
		return this.template.updateFirst(query, update, InventoryItem.class)
			.flatMap((result) -> (result.getModifiedCount() == 1) ? Mono.<Void>empty()
					: Mono.error(new InsufficientStockException(sku)));
	}

	/**
	 * The order was recorded: its hold goes, its units stay reserved. False when the hold
	 * was no longer there (released as abandoned meanwhile).
	 */
	public Mono<Boolean> settleHold(String sku, ObjectId order) {
		Query query = Query.query(Criteria.where("sku").is(sku).and(HOLDS + "." + HOLD_ORDER).is(order));
		Update update = new Update().pull(HOLDS, new Document(HOLD_ORDER, order));
		return this.template.updateFirst(query, update, InventoryItem.class)
			.map((result) -> result.getModifiedCount() == 1);
	}

	/**
	 * The order will never be recorded: its units go back to available with its hold, in
	 * one update that only applies while the hold is there, so releasing twice gives back
	 * once.
	 */
	public Mono<Boolean> releaseHold(String sku, ObjectId order, long units) {
		Query query = Query.query(Criteria.where("sku")
			.is(sku)
			.and(HOLDS)
			.elemMatch(Criteria.where(HOLD_ORDER).is(order).and(HOLD_UNITS).is(units)));
		Update update = new Update().inc("available", units)
			.inc("reserved", -units)
			.pull(HOLDS, new Document(HOLD_ORDER, order))
			.set("updated_at", this.clock.instant());
		return this.template.updateFirst(query, update, InventoryItem.class)
			.map((result) -> result.getModifiedCount() == 1);
	}

	/**
	 * Holds taken before {@code cutoff}: orders being placed for longer than they should.
	 */
	public Flux<Hold> holdsTakenBefore(Instant cutoff) {
		Query query = Query.query(Criteria.where(HOLDS + "." + HOLD_AT).lt(cutoff));
		query.fields().include("sku").include(HOLDS);
		return this.template.find(query, Document.class, InventorySchema.COLLECTION)
			.flatMapIterable((item) -> item.getList(HOLDS, Document.class)
				.stream()
				.filter((hold) -> hold.getDate(HOLD_AT).toInstant().isBefore(cutoff))
				.map((hold) -> new Hold(item.getString("sku"), hold.getObjectId(HOLD_ORDER),
						hold.get(HOLD_UNITS, Number.class).longValue(), hold.getDate(HOLD_AT).toInstant()))
				.toList());
	}

	/**
	 * Takes n units out of available into reserved, or fails with 409 when fewer are
	 * available.
	 */
	public Mono<Void> reserve(String sku, long units) {
		Query query = Query.query(Criteria.where("sku").is(sku).and("available").gte(units));
		Update update = new Update().inc("available", -units)
			.inc("reserved", units)
			.set("updated_at", this.clock.instant());
		return this.template.updateFirst(query, update, InventoryItem.class)
			.flatMap((result) -> (result.getModifiedCount() == 1) ? Mono.<Void>empty()
					: Mono.error(new InsufficientStockException(sku)));
	}

	/**
	 * Puts n reserved units back into available (an order cancelled, or a placement
	 * undone).
	 */
	public Mono<Void> release(String sku, long units) {
		Query query = Query.query(Criteria.where("sku").is(sku).and("reserved").gte(units));
		Update update = new Update().inc("available", units)
			.inc("reserved", -units)
			.set("updated_at", this.clock.instant());
		return expectOne(query, update, "release", sku);
	}

	/** Ships n reserved units: they leave the quantity for good. */
	public Mono<Void> commit(String sku, long units) {
		Query query = Query.query(Criteria.where("sku").is(sku).and("reserved").gte(units).and("quantity").gte(units));
		Update update = new Update().inc("quantity", -units)
			.inc("reserved", -units)
			.set("updated_at", this.clock.instant());
		return expectOne(query, update, "ship", sku);
	}

	/**
	 * Sets the quantity on hand (creating the sku's record if needed); what is reserved
	 * stays reserved, so the quantity may not drop below it. This is {@code PUT
	 * /inventory/{sku}}.
	 */
	public Mono<InventoryItem> setLevel(String sku, StockLevel level) {
		long quantity = level.quantity();
		return this.template.findOne(bySku(sku), InventoryItem.class)
			.map(InventoryItem::reserved)
			.defaultIfEmpty(0L)
			.flatMap((reserved) -> {
				if (quantity < reserved) {
					return Mono.error(new ConflictException(
							"quantity " + quantity + " is below the " + reserved + " units reserved", "quantity"));
				}
				Query query = Query.query(Criteria.where("sku").is(sku).and("reserved").is(reserved));
				Update update = new Update().set("quantity", quantity)
					.set("available", quantity - reserved)
					.set("warehouse_locations", warehouses(level))
					.set("reorder_point", (level.reorderPoint() != null) ? level.reorderPoint() : 0L)
					.set("reorder_quantity", (level.reorderQuantity() != null) ? level.reorderQuantity() : 0L)
					.set("updated_at", this.clock.instant());
				return this.template.findAndModify(query, update,
						FindAndModifyOptions.options().returnNew(true).upsert(reserved == 0L), InventoryItem.class);
			})
			.switchIfEmpty(
					Mono.error(() -> new ConflictException("reservations for " + sku + " changed meanwhile; try again",
							"quantity")));
	}

	/** Adds (or with a negative delta removes) stock; available may not go below zero. */
	Mono<InventoryItem> adjust(String sku, long delta) {
		Criteria criteria = Criteria.where("sku").is(sku);
		if (delta < 0) {
			criteria = criteria.and("available").gte(-delta);
		}
		Update update = new Update().inc("quantity", delta)
			.inc("available", delta)
			.set("updated_at", this.clock.instant());
		return this.template
			.findAndModify(Query.query(criteria), update, FindAndModifyOptions.options().returnNew(true),
					InventoryItem.class)
			.switchIfEmpty(Mono.defer(() -> get(sku).then(Mono.error(new InsufficientStockException(sku)))));
	}

	private Mono<Void> expectOne(Query query, Update update, String action, String sku) {
		return this.template.updateFirst(query, update, InventoryItem.class)
			.flatMap((result) -> (result.getModifiedCount() == 1) ? Mono.<Void>empty()
					: Mono.error(new ConflictException(
							"Cannot " + action + " stock for sku " + sku + ": fewer units are reserved than asked",
							"sku")));
	}

	private static List<WarehouseStock> warehouses(StockLevel level) {
		if (level.warehouseLocations() == null) {
			return List.of();
		}
		return level.warehouseLocations()
			.stream()
			.map((warehouse) -> new WarehouseStock(warehouse.warehouseId(), warehouse.quantity()))
			.toList();
	}

	private static Query bySku(String sku) {
		return Query.query(Criteria.where("sku").is(sku));
	}

	/** Units of a sku held for an order being placed since a time. */
	public record Hold(String sku, ObjectId order, long units, Instant at) {
	}

}
