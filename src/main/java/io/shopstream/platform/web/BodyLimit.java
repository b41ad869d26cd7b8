package io.shopstream.platform.web;

import reactor.core.publisher.Mono;

import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.CodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The request body limit, in two places: a declared {@code Content-Length} over the limit
 * is refused before anything is read, and the codecs stop buffering at the limit for
 * chunked bodies. Streaming endpoints that read their body piece by piece (NDJSON import)
 * set their their own per-line limit instead.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BodyLimit implements WebFilter, CodecCustomizer {

	private final long maxBytes;

	public BodyLimit(WebProperties properties) {
		this.maxBytes = properties.maxBodySize().toBytes();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long length = exchange.getRequest().getHeaders().getContentLength();
		if (length > this.maxBytes && !isNdjsonUpload(exchange)) {
			return Mono
				.error(new PayloadTooLargeException("The request body is larger than " + this.maxBytes + " bytes"));
		}
		return chain.filter(exchange);
	}

	@Override
	public void customize(CodecConfigurer configurer) {
		configurer.defaultCodecs().maxInMemorySize((int) Math.min(Integer.MAX_VALUE, this.maxBytes));
	}

	private static boolean isNdjsonUpload(ServerWebExchange exchange) {
		String contentType = exchange.getRequest().getHeaders().getFirst("Content-Type");
		return contentType != null && contentType.startsWith("application/x-ndjson");
	}

}
