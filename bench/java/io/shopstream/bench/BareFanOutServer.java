package io.shopstream.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The baseline Shopstream's feeds are measured against: the least a Reactor Netty server
 * can do to fan events out as Server-Sent Events. One shared sink, each frame encoded
 * once, a bounded queue per subscriber, one socket write per subscriber per event, and
 * nothing else: no MongoDB, no change stream, no authorization, filtering or redaction.
 * Frames are padded to 620 bytes, an estimate of a Shopstream inventory event's size, so
 * both put about the same bytes on the wire.
 * <p>
 * {@code GET /events} subscribes; {@code POST /emit?count=N&per_second=R} sends N events
 * at R a second, each carrying its {@code updated_at} as Shopstream's do.
 */
public final class BareFanOutServer {

	/**
	 * An estimate of a Shopstream inventory event frame's size, id and data lines
	 * included.
	 */
	static final int FRAME_BYTES = 620;

	private static final byte[] HELLO = "retry: 3000\n\n".getBytes(StandardCharsets.US_ASCII);

	private final Sinks.Many<byte[]> frames = Sinks.many().multicast().directBestEffort();

	private final AtomicLong sequence = new AtomicLong();

	public static void main(String[] args) {
		int port = Integer.parseInt(args[0]);
		BareFanOutServer server = new BareFanOutServer();
		DisposableServer bound = HttpServer.create()
			.host("localhost")
			.port(port)
			.route((routes) -> routes
				.get("/events",
						(request, response) -> response.header("Content-Type", "text/event-stream")
							.header("Cache-Control", "no-cache")
							.send(Flux.just(HELLO)
								.concatWith(server.frames.asFlux().onBackpressureBuffer(1024))
								.map(Unpooled::wrappedBuffer)))
				.post("/emit", (request, response) -> {
					QueryString query = new QueryString(request.uri());
					server.emit(query.number("count"), query.number("per_second"));
					return response.status(202).send();
				}))
			.bindNow();
		Runtime.getRuntime().addShutdownHook(new Thread(bound::disposeNow));
		bound.onDispose().block();
	}

	private void emit(long count, long perSecond) {
		Flux.interval(Duration.ofNanos(1_000_000_000L / perSecond)).take(count).subscribe((tick) -> {
			byte[] frame = frame(this.sequence.incrementAndGet());
			this.frames.tryEmitNext(frame);
		});
	}

	private static byte[] frame(long id) {
		StringBuilder frame = new StringBuilder(FRAME_BYTES + 64);
		frame.append("id: ")
			.append(String.format("%0100d", id))
			.append("\nevent: update\ndata: {\"sku\":\"BARE-0001\",")
			.append("\"updated_at\":\"")
			.append(Instant.now())
			.append("\",\"pad\":\"");
		while (frame.length() < FRAME_BYTES - 4) {
			frame.append('x');
		}
		frame.append("\"}\n\n");
		return frame.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** Just enough query-string parsing for {@code /emit}. */
	private record QueryString(String uri) {

		long number(String name) {
			int start = this.uri.indexOf(name + "=");
			if (start < 0) {
				throw new IllegalArgumentException("missing " + name);
			}
			int end = this.uri.indexOf('&', start);
			return Long.parseLong(this.uri.substring(start + name.length() + 1, (end < 0) ? this.uri.length() : end));
		}

	}

}
