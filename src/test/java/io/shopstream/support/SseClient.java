package io.shopstream.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A Server-Sent Events client for tests, like a browser's EventSource but explicit about
 * reconnects.
 */
public final class SseClient {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS = new ParameterizedTypeReference<>() {
	};

	private final WebClient client;

	public SseClient(int port) {
		ConnectionProvider connections = ConnectionProvider.builder("sse-test")
			.maxConnections(2000)
			.pendingAcquireMaxCount(-1)
			.build();
		this.client = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)))
			.baseUrl("http://localhost:" + port)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
			.build();
	}

	/**
	 * Events of the feed; a bearer token or cookie when given, resuming after lastEventId
	 * when given.
	 */
	public Flux<ServerSentEvent<String>> events(String path, String bearer, String cookie, String lastEventId) {
		return this.client.get().uri(path).accept(MediaType.TEXT_EVENT_STREAM).headers((headers) -> {
			if (bearer != null) {
				headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + bearer);
			}
			if (cookie != null) {
				headers.set(HttpHeaders.COOKIE, "shopstream_session=" + cookie);
			}
			if (lastEventId != null) {
				headers.set("Last-Event-ID", lastEventId);
			}
		}).retrieve().bodyToFlux(EVENTS);
	}

	/**
	 * The raw bytes of the stream, decoded as UTF-8: the steps run on a plain thread once
	 * the server has answered, and reading stops when what was read satisfies
	 * {@code enough}.
	 */
	public String rawDuring(String path, String bearer, Runnable steps, Predicate<String> enough, Duration timeout) {
		AtomicReference<Later> running = new AtomicReference<>();
		StringBuilder text = new StringBuilder();
		this.client.get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer)
			.retrieve()
			.bodyToFlux(DataBuffer.class)
			.map((buffer) -> {
				String chunk = buffer.toString(StandardCharsets.UTF_8);
				DataBufferUtils.release(buffer);
				return chunk;
			})
			.doOnNext((chunk) -> {
				text.append(chunk);
				if (running.get() == null && text.indexOf("retry:") >= 0) {
					running.set(Later.run(Duration.ZERO, steps));
				}
			})
			.takeUntil((chunk) -> running.get() != null && enough.test(text.toString()))
			.blockLast(timeout);
		running.get().join();
		return text.toString();
	}

	/** Only real events: no comments, no retry-only frames. */
	public static boolean isEvent(ServerSentEvent<String> event) {
		return event.event() != null;
	}

}
