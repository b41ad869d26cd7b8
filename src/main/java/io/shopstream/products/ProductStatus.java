package io.shopstream.products;

/** Whether a product can be sold; written exactly as stored and sent. */
public enum ProductStatus {

	/** Being prepared; not for sale yet. */
	draft,

	/** For sale. */
	active,

	/** No longer sold. */
	discontinued

}
