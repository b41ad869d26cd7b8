package io.shopstream.inventory;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * {@code PUT /inventory/{sku}}: the stock on hand and how to restock it. Reservations are
 * the service's. Public because the demo data sets stock through the same operation.
 */
public record StockLevel(@NotNull @PositiveOrZero @Max(1_000_000_000) Long quantity,
		@Size(max = 100) List<@Valid @NotNull Warehouse> warehouseLocations,
		@PositiveOrZero @Max(1_000_000_000) Long reorderPoint,
		@PositiveOrZero @Max(1_000_000_000) Long reorderQuantity) {

	public record Warehouse(@NotBlank @Size(max = 64) String warehouseId, @NotNull @Min(0) Long quantity) {
	}

}
