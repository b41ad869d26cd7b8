package io.shopstream.inventory;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One sku's stock in the {@code inventory} collection. {@code available} is always
 * {@code quantity - reserved}; every update keeps it so in the same atomic operation.
 */
@Document(InventorySchema.COLLECTION)
public record InventoryItem(@Id String id, String sku, long quantity, long reserved, long available,
		List<WarehouseStock> warehouseLocations, long reorderPoint, long reorderQuantity, Instant updatedAt) {

	public boolean belowReorderPoint() {
		return this.available <= this.reorderPoint;
	}

	/** How much of the quantity sits in one warehouse. */
	public record WarehouseStock(String warehouseId, long quantity) {
	}

}
