package io.shopstream.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * The request clashes with the resource's current state: 409, naming the field when there
 * is one.
 */
public class ConflictException extends RuntimeException implements ErrorResponse {

	private final String field;

	private final ProblemDetail body;

	public ConflictException(String detail) {
		this(detail, null);
	}

	public ConflictException(String detail, String field) {
		super(detail);
		this.field = field;
		this.body = ProblemDetails.of(HttpStatus.CONFLICT, "conflict", "Conflict", detail);
		if (field != null) {
			this.body.setProperty("field", field);
		}
	}

	/** The field the clash is about, if there is one. */
	public String field() {
		return this.field;
	}

	@Override
	public HttpStatusCode getStatusCode() {
		return HttpStatus.CONFLICT;
	}

	@Override
	public ProblemDetail getBody() {
		return this.body;
	}

}
