package io.shopstream.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * The addressed resource does not exist (or the caller may not know that it does): 404.
 */
public class NotFoundException extends RuntimeException implements ErrorResponse {

	private final ProblemDetail body;

	public NotFoundException(String detail) {
		super(detail);
		this.body = ProblemDetails.of(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
	}

	@Override
	public HttpStatusCode getStatusCode() {
		return HttpStatus.NOT_FOUND;
	}

	@Override
	public ProblemDetail getBody() {
		return this.body;
	}

}
