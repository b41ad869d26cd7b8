package io.shopstream.inventory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /inventory/{sku}/adjust}: stock received (positive) or written off
 * (negative).
 */
record StockAdjustment(@NotNull @Min(-1_000_000_000) @Max(1_000_000_000) Long delta, @Size(max = 200) String reason) {
}
