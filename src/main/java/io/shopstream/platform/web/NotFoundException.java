package io.shopstream.platform.web;

/** The addressed resource does not exist (or the caller may not know that it does): 404. */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String detail) {
		super(detail);
	}

}
