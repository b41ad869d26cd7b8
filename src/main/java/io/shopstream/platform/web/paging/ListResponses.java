package io.shopstream.platform.web.paging;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Writes a {@link Page}: a JSON array, or NDJSON (one object per line) when the client
 * asks for {@code application/x-ndjson}; items are encoded as they arrive from MongoDB.
 * The next page, if any, is in
 * <code>Link: &lt;/api/v1/...?after=...&gt;; rel="next"</code>.
 */
public final class ListResponses {

	private static final List<MediaType> PRODUCIBLE = List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_NDJSON);

	private ListResponses() {
	}

	public static <T> Mono<ServerResponse> write(ServerRequest request, Page<T> page, Class<T> type) {
		ServerResponse.BodyBuilder response = ServerResponse.ok().contentType(mediaType(request));
		if (page.nextCursor() != null) {
			response.header(HttpHeaders.LINK, "<" + nextPage(request, page.nextCursor()) + ">; rel=\"next\"");
		}
		return response.body(page.items(), type);
	}

	/** The same request, path and query as the client sent them, with the next cursor. */
	private static String nextPage(ServerRequest request, String cursor) {
		String rawQuery = request.uri().getRawQuery();
		return UriComponentsBuilder
			.fromUriString(request.uri().getRawPath() + ((rawQuery != null) ? "?" + rawQuery : ""))
			.replaceQueryParam("after", cursor)
			.build(true)
			.toUriString();
	}

	/**
	 * JSON unless the client prefers NDJSON; 406 when it accepts neither. NDJSON is
	 * preferred when asked for with a higher quality than JSON named as such, and at
	 * least that of a wildcard ({@code Accept: application/x-ndjson, *}{@code /*} is
	 * NDJSON; a client naming both types alike, as generated clients do, gets JSON).
	 */
	public static MediaType mediaType(ServerRequest request) {
		List<MediaType> accepted = request.headers().accept();
		if (accepted.isEmpty()) {
			return MediaType.APPLICATION_JSON;
		}
		double ndjson = 0;
		double json = 0;
		double wildcard = 0;
		for (MediaType candidate : accepted) {
			if (candidate.equalsTypeAndSubtype(MediaType.APPLICATION_NDJSON)) {
				ndjson = Math.max(ndjson, candidate.getQualityValue());
			}
			else if (candidate.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
				json = Math.max(json, candidate.getQualityValue());
			}
			else if (candidate.isCompatibleWith(MediaType.APPLICATION_JSON)) {
				wildcard = Math.max(wildcard, candidate.getQualityValue());
			}
		}
		if (ndjson > 0 && ndjson > json && ndjson >= wildcard) {
			return MediaType.APPLICATION_NDJSON;
		}
		if (json > 0 || wildcard > 0) {
			return MediaType.APPLICATION_JSON;
		}
		throw new NotAcceptableStatusException(PRODUCIBLE);
	}

}
