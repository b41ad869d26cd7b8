package io.shopstream.platform.web.paging;

import io.shopstream.platform.web.InvalidRequestException;

import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * {@code ?limit=} (1 to 1000, default 50) and {@code ?after=} (a cursor from a previous page's
 * {@code Link} header) of a list request.
 */
public record PageRequest(int limit, String after) {

	public static final int DEFAULT_LIMIT = 50;

	public static final int MAX_LIMIT = 1000;

	public static PageRequest from(ServerRequest request) {
		String limitParam = request.queryParam("limit").orElse(null);
		int limit = DEFAULT_LIMIT;
		if (limitParam != null) {
			try {
				limit = Integer.parseInt(limitParam);
			}
			catch (NumberFormatException ex) {
				limit = -1;
			}
			if (limit < 1 || limit > MAX_LIMIT) {
				throw new InvalidRequestException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
			}
		}
		String after = request.queryParam("after").orElse(null);
		if (after != null && after.isEmpty()) {
			throw new InvalidRequestException("after", "must not be empty");
		}
		return new PageRequest(limit, after);
	}

}
