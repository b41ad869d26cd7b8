package io.shopstream.feeds;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The bytes of every frame a feed writes, in one place, so that the stream logic never
 * spells out the wire format: the {@code retry:} frame first, one frame per change, the
 * {@code resync} event, and the heartbeat: a comment, or for a client that asked for it
 * ({@code ?heartbeats=events}) an event it can see.
 */
final class SseFrames {

	static final byte[] HEARTBEAT = bytes(": heartbeat\n\n");

	private SseFrames() {
	}

	/**
	 * The heartbeat as an event, for a browser that treats a feed silent for three
	 * heartbeats as stale: EventSource never shows comments. It carries its interval and
	 * no id, so Last-Event-ID stays the last change's.
	 */
	static byte[] heartbeatEvent(Duration every) {
		return bytes("event: heartbeat\ndata: {\"every_ms\":" + every.toMillis() + "}\n\n");
	}

	/** How long EventSource waits before it reconnects; sent once, first. */
	static byte[] retry(Duration delay) {
		return bytes("retry: " + delay.toMillis() + "\n\n");
	}

	/**
	 * One change: its resume token as the id, its operation as the event, its JSON as the
	 * data.
	 */
	static byte[] event(String token, String operation, String json) {
		return bytes("id: " + token + "\nevent: " + operation + "\ndata: " + json + "\n\n");
	}

	/**
	 * Tells the client its history is gone: reload, then carry on with the live events.
	 */
	static byte[] resync(String reason) {
		return bytes(
				"event: resync\ndata: {\"reason\":\"" + reason.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}\n\n");
	}

	private static byte[] bytes(String frame) {
		return frame.getBytes(StandardCharsets.UTF_8);
	}

}
