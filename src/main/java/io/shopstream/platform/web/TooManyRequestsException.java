package io.shopstream.platform.web;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/** The caller is over a rate limit: 429 with {@code Retry-After}. */
public class TooManyRequestsException extends RetryLaterException {

	public TooManyRequestsException(String detail, Duration retryAfter) {
		super(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests", detail, retryAfter);
	}

}
