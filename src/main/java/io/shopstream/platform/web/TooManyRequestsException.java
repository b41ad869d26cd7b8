package io.shopstream.platform.web;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/** The caller is over a rate limit: 429 with {@code Retry-After}. */
public class TooManyRequestsException extends RuntimeException implements ErrorResponse {

	private final Duration retryAfter;

	private final ProblemDetail body;

	public TooManyRequestsException(String detail, Duration retryAfter) {
		super(detail);
		this.retryAfter = retryAfter;
		this.body = ProblemDetails.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests", detail);
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

	@Override
	public HttpStatusCode getStatusCode() {
		return HttpStatus.TOO_MANY_REQUESTS;
	}

	@Override
	public HttpHeaders getHeaders() {
		return ProblemDetails.retryAfter(this.retryAfter);
	}

	@Override
	public ProblemDetail getBody() {
		return this.body;
	}

}
