package io.shopstream.platform.web;

import java.time.Duration;

/** The caller is over a rate limit: 429 with {@code Retry-After}. */
public class TooManyRequestsException extends RuntimeException {

	private final Duration retryAfter;

	public TooManyRequestsException(String detail, Duration retryAfter) {
		super(detail);
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
