package io.shopstream.inventory;

import io.shopstream.platform.web.ConflictException;

/** Not enough available stock for a sku: 409 naming it. */
public class InsufficientStockException extends ConflictException {

	private final String sku;

	public InsufficientStockException(String sku) {
		super("Not enough stock available for sku " + sku, "sku");
		this.sku = sku;
	}

	public String sku() {
		return this.sku;
	}

}
