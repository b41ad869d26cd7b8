package io.shopstream.feeds;

import java.util.Optional;

import io.netty.channel.ChannelOption;
import io.shopstream.platform.limits.Admission;
import io.shopstream.platform.security.Caller;
import io.shopstream.platform.security.Callers;
import io.shopstream.platform.web.InvalidRequestException;
import io.shopstream.platform.web.NotFoundException;
import io.shopstream.platform.web.QueryParams;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /api/v1/feeds/{users,orders,inventory}}: checks who is asking and what they
 * filter on, admits the connection within the instance's and the client's feed limits,
 * then registers an SSE subscriber with the hub. Per connection it keeps only the
 * subscriber (its caller, filter and queue); frames are shared bytes wrapped without
 * copying.
 */
@Component
class FeedHandler {

	private final ChangeFeedHub hub;

	private final FeedProperties properties;

	private final Admission admission;

	FeedHandler(ChangeFeedHub hub, FeedProperties properties, Admission admission) {
		this.hub = hub;
		this.properties = properties;
		this.admission = admission;
	}

	Mono<ServerResponse> subscribe(ServerRequest request) {
		Feed feed = Feed.named(request.pathVariable("feed"));
		if (feed == null) {
			throw new NotFoundException("No feed named " + request.pathVariable("feed"));
		}
		QueryParams.allowOnly(request, feed.parameters());
		FeedFilter filter = feed.filter(request.queryParams().toSingleValueMap());
		String lastEventId = lastEventId(request);
		byte[] heartbeat = heartbeat(request);
		return Callers.optional(request).flatMap((caller) -> {
			feed.authorize(caller);
			this.admission.admitFeed(request.exchange(), caller);
			return stream(request, feed, caller, filter, lastEventId, heartbeat);
		});
	}

	private Mono<ServerResponse> stream(ServerRequest request, Feed feed, Optional<Caller> caller, FeedFilter filter,
			String lastEventId, byte[] heartbeat) {
		ServerHttpResponse response = request.exchange().getResponse();
		limitSendBuffer(response);
		FeedSubscriber subscriber = new FeedSubscriber(caller.orElse(null), filter, this.properties.queueSize(),
				() -> closeConnection(response), heartbeat);
		DataBufferFactory buffers = response.bufferFactory();
		Flux<DataBuffer> body = subscriber.frames()
			.map(buffers::wrap)
			.doOnSubscribe((subscription) -> this.hub.subscribe(feed, subscriber, lastEventId))
			.doFinally((signal) -> this.hub.unsubscribe(feed, subscriber));
		return ServerResponse.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.header(HttpHeaders.CACHE_CONTROL, "no-cache")
			.header("X-Accel-Buffering", "no")
			.body(BodyInserters.fromDataBuffers(body));
	}

	/**
	 * The heartbeat frame the client asked for: a comment unless
	 * {@code ?heartbeats=events}.
	 */
	private byte[] heartbeat(ServerRequest request) {
		return switch (request.queryParam(Feed.HEARTBEATS).orElse("comments")) {
			case "comments" -> SseFrames.HEARTBEAT;
			case "events" -> SseFrames.heartbeatEvent(this.properties.heartbeat());
			default -> throw InvalidRequestException.forField(Feed.HEARTBEATS, "must be comments or events");
		};
	}

	/**
	 * The id to resume after: the Last-Event-ID header, or {@code ?last_event_id=}; null
	 * to start live. Whether it can be resumed from is the shared stream's call.
	 */
	private static String lastEventId(ServerRequest request) {
		String id = request.headers().firstHeader("Last-Event-ID");
		if (id == null) {
			id = request.queryParam(Feed.LAST_EVENT_ID).orElse(null);
		}
		return (id == null || id.isBlank()) ? null : id;
	}

	/**
	 * Gives the connection a small kernel send buffer. Left to autotuning, Linux grows it
	 * to megabytes for a client that stopped reading, so the subscriber's queue would
	 * never fill and the memory would sit in the kernel instead.
	 */
	private void limitSendBuffer(ServerHttpResponse response) {
		Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
		if (nativeResponse instanceof HttpServerResponse netty) {
			int bytes = (int) this.properties.socketSendBuffer().toBytes();
			netty.withConnection(
					(connection) -> connection.channel().config().setOption(ChannelOption.SO_SNDBUF, bytes));
		}
	}

	/** Drops the TCP connection of a subscriber cut off for being too slow. */
	private static void closeConnection(ServerHttpResponse response) {
		Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
		if (nativeResponse instanceof HttpServerResponse netty) {
			netty.withConnection(Connection::dispose);
		}
	}

}
