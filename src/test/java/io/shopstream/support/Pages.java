package io.shopstream.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks a keyset-paged list the way a client does: page by page, along the Link header.
 */
public final class Pages {

	private Pages() {
	}

	/** Every page from the first, following each {@code Link: <...>; rel="next"}. */
	public static List<List<Map<String, Object>>> pages(WebTestClient client, String first) {
		List<List<Map<String, Object>>> pages = new ArrayList<>();
		String next = first;
		while (next != null) {
			EntityExchangeResult<List<Map<String, Object>>> page = client.get()
				.uri(next)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
				})
				.returnResult();
			pages.add(page.getResponseBody());
			String link = page.getResponseHeaders().getFirst(HttpHeaders.LINK);
			if (link != null) {
				assertThat(link).matches("<[^>]+>; rel=\"next\"");
			}
			next = (link != null) ? link.substring(1, link.indexOf('>')) : null;
		}
		return pages;
	}

	/** Every item of every page, in order. */
	public static List<Map<String, Object>> all(WebTestClient client, String first) {
		return pages(client, first).stream().flatMap(List::stream).toList();
	}

}
