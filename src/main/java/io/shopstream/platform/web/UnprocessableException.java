package io.shopstream.platform.web;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * The request is well-formed but cannot be carried out as sent (an idempotency key
 * replayed with another request): 422, naming the field at fault.
 */
public class UnprocessableException extends RuntimeException implements ErrorResponse {

	private static final HttpStatusCode UNPROCESSABLE = HttpStatusCode.valueOf(422);

	private final ProblemDetail body;

	public UnprocessableException(String detail, String field) {
		super(detail);
		this.body = ProblemDetails.of(UNPROCESSABLE, "unprocessable", "Unprocessable request", detail);
		this.body.setProperty("field", field);
	}

	@Override
	public HttpStatusCode getStatusCode() {
		return UNPROCESSABLE;
	}

	@Override
	public ProblemDetail getBody() {
		return this.body;
	}

}
