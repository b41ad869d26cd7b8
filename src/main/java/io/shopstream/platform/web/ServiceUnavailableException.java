package io.shopstream.platform.web;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * This instance cannot take the request now: 503 with {@code Retry-After}, so that a load
 * balancer or client tries again later or elsewhere.
 */
public class ServiceUnavailableException extends RuntimeException implements ErrorResponse {

	private final Duration retryAfter;

	private final ProblemDetail body;

	public ServiceUnavailableException(String detail, Duration retryAfter) {
		super(detail);
		this.retryAfter = retryAfter;
		this.body = ProblemDetails.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
				detail);
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

	@Override
	public HttpStatusCode getStatusCode() {
		return HttpStatus.SERVICE_UNAVAILABLE;
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
