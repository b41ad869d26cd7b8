package io.shopstream.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Names that no other test uses, so tests sharing one database never collide; and free
 * ports for servers a test starts itself.
 */
public final class Fixtures {

	private static final AtomicLong sequence = new AtomicLong(System.nanoTime() % 1_000_000);

	private Fixtures() {
	}

	public static String unique(String prefix) {
		return prefix + sequence.incrementAndGet();
	}

	/** A loopback port free at the moment of asking. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static String newUserJson(String name) {
		return """
				{"email": "%s@example.com", "username": "%s", "password": "correct horse battery"}""".formatted(name,
				name);
	}

}
