package io.shopstream.inventory;

import java.time.Clock;
import java.util.List;

import com.mongodb.client.result.UpdateResult;
import io.shopstream.inventory.InventoryItem.WarehouseStock;
import io.shopstream.platform.web.ConflictException;
import io.shopstream.platform.web.NotFoundException;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Stock changes, each one conditional atomic update on the sku's document: the condition
 * ({@code available >= n}, {@code reserved >= n}) and the change are one operation, so
 * concurrent orders can never take more than there is. Where the new state is returned,
 * it is read after the update (not with findAndModify, which the embedded back-end leaves
 * out of its oplog, so the inventory feed would miss it).
 */
@Service
public class InventoryService {

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
				Mono<UpdateResult> write = (reserved == 0L) ? this.template.upsert(query, update, InventoryItem.class)
						: this.template.updateFirst(query, update, InventoryItem.class);
				return write.filter((result) -> result.getMatchedCount() == 1 || result.getUpsertedId() != null)
					.flatMap((result) -> this.template.findOne(bySku(sku), InventoryItem.class));
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
		return this.template.updateFirst(Query.query(criteria), update, InventoryItem.class)
			.filter((result) -> result.getMatchedCount() == 1)
			.flatMap((result) -> get(sku))
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

}
