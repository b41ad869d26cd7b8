package io.shopstream.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/** The request body is over the configured limit: 413. */
public class PayloadTooLargeException extends RuntimeException implements ErrorResponse {

	private final ProblemDetail body;

	public PayloadTooLargeException(String detail) {
		super(detail);
		this.body = ProblemDetails.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large", detail);
	}

	@Override
	public HttpStatusCode getStatusCode() {
		return HttpStatus.CONTENT_TOO_LARGE;
	}

	@Override
	public ProblemDetail getBody() {
		return this.body;
	}

}
