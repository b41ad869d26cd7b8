package io.shopstream.products;

/** Whether a product can be sold; written exactly as stored and sent. */
public enum ProductStatus {

	draft, active, discontinued

}
