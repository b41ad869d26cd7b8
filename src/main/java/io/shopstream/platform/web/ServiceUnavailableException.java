package io.shopstream.platform.web;

import java.time.Duration;

/**
 * This instance cannot take the request now: 503 with {@code Retry-After}, so that a load
 * balancer or client tries again later or elsewhere.
 */
public class ServiceUnavailableException extends RuntimeException {

	private final Duration retryAfter;

	public ServiceUnavailableException(String detail, Duration retryAfter) {
		super(detail);
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
