package io.shopstream.platform.web;

/** The request clashes with the resource's current state: 409. */
public class ConflictException extends RuntimeException {

	private final String field;

	public ConflictException(String detail) {
		this(detail, null);
	}

	public ConflictException(String detail, String field) {
		super(detail);
		this.field = field;
	}

	/** The field the clash is about, if there is one. */
	public String field() {
		return this.field;
	}

}
