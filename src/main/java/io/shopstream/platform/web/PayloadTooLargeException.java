package io.shopstream.platform.web;

/** The request body is over the configured limit: 413. */
public class PayloadTooLargeException extends RuntimeException {

	public PayloadTooLargeException(String detail) {
		super(detail);
	}

}
