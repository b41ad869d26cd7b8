package io.shopstream.platform.web;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * A refusal the client may retry after a while: its problem document and
 * {@code Retry-After}.
 */
public abstract class RetryLaterException extends RuntimeException implements ErrorResponse {

	private final HttpStatus status;

	private final Duration retryAfter;

	private final ProblemDetail body;

	RetryLaterException(HttpStatus status, String kind, String title, String detail, Duration retryAfter) {
		super(detail);
		this.status = status;
		this.retryAfter = retryAfter;
		this.body = ProblemDetails.of(status, kind, title, detail);
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

	@Override
	public HttpStatusCode getStatusCode() {
		return this.status;
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
