package io.shopstream.platform.web;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds the Spring {@link ProblemDetail} that each of Shopstream's exceptions carries,
 * so that the exception itself says how it is answered and {@link ProblemHandler} needs
 * no case for it.
 */
final class ProblemDetails {

	private ProblemDetails() {
	}

	static ProblemDetail of(HttpStatusCode status, String kind, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(Problem.TYPE_BASE + kind));
		problem.setTitle(title);
		return problem;
	}

	/**
	 * A {@code Retry-After} header in whole seconds, never 0: a client told 0 would retry
	 * at once.
	 */
	static HttpHeaders retryAfter(Duration wait) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
		return headers;
	}

}
