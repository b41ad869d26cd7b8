package io.shopstream.products;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Splits a streamed body into numbered lines, one buffer at a time, holding at most one
 * line in memory. A line longer than the limit is not kept: it comes out as
 * {@link Line#tooLong()} and the rest of it is skipped, so one bad line never stops the
 * others. Not thread-safe: one per request, fed in order.
 */
final class NdjsonLines {

	private final int maxLineBytes;

	private final ByteArrayOutputStream current = new ByteArrayOutputStream();

	private boolean overflowing;

	private long number;

	NdjsonLines(int maxLineBytes) {
		this.maxLineBytes = maxLineBytes;
	}

	/** The lines completed by this buffer; the buffer is released. */
	List<Line> feed(DataBuffer buffer) {
		List<Line> lines = new ArrayList<>();
		try {
			int readable = buffer.readableByteCount();
			byte[] bytes = new byte[readable];
			buffer.read(bytes);
			int start = 0;
			for (int i = 0; i < bytes.length; i++) {
				if (bytes[i] == '\n') {
					append(bytes, start, i - start);
					lines.add(completeLine());
					start = i + 1;
				}
			}
			append(bytes, start, bytes.length - start);
		}
		finally {
			DataBufferUtils.release(buffer);
		}
		return lines;
	}

	/** The last line, when the input does not end with a line break. */
	List<Line> finish() {
		if (this.current.size() == 0 && !this.overflowing) {
			return List.of();
		}
		return List.of(completeLine());
	}

	private void append(byte[] bytes, int offset, int length) {
		if (this.overflowing || length == 0) {
			return;
		}
		if (this.current.size() + length > this.maxLineBytes) {
			this.overflowing = true;
			this.current.reset();
			return;
		}
		this.current.write(bytes, offset, length);
	}

	private Line completeLine() {
		Line line = new Line(++this.number, this.current.toByteArray(), this.overflowing);
		this.current.reset();
		this.overflowing = false;
		return line;
	}

	/** One line of input, 1-based, without its line break. */
	record Line(long number, byte[] bytes, boolean tooLong) {

		boolean isBlank() {
			for (byte b : this.bytes) {
				if (b != ' ' && b != '\t' && b != '\r') {
					return false;
				}
			}
			return !this.tooLong;
		}

	}

}
