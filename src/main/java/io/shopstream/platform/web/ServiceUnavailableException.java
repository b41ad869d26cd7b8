package io.shopstream.platform.web;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * This instance cannot take the request now: 503 with {@code Retry-After}, so that a load
 * balancer or client tries again later or elsewhere.
 */
public class ServiceUnavailableException extends RetryLaterException {

	public ServiceUnavailableException(String detail, Duration retryAfter) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable", detail, retryAfter);
	}

}
