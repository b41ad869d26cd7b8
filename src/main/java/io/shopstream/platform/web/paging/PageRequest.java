package io.shopstream.platform.web.paging;

import io.shopstream.platform.web.InvalidRequestException;
import io.shopstream.platform.web.QueryParams;

import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * {@code ?limit=} (1 to 1000, default 50) and {@code ?after=} (a cursor from a previous
 * page's {@code Link} header) of a list request.
 */
public record PageRequest(int limit, String after) {

	/** The page size when {@code ?limit=} is not given. */
	public static final int DEFAULT_LIMIT = 50;

	/** The largest {@code ?limit=} accepted. */
	public static final int MAX_LIMIT = 1000;

	public static PageRequest from(ServerRequest request) {
		int limit = QueryParams.wholeNumber(request, "limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
		String after = request.queryParam("after").orElse(null);
		if (after != null && after.isEmpty()) {
			throw InvalidRequestException.forField("after", "must not be empty");
		}
		return new PageRequest(limit, after);
	}

}
