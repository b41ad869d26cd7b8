package io.shopstream.support;

import java.util.concurrent.atomic.AtomicLong;

/** Names that no other test uses, so tests sharing one database never collide. */
public final class Fixtures {

	private static final AtomicLong sequence = new AtomicLong(System.nanoTime() % 1_000_000);

	private Fixtures() {
	}

	public static String unique(String prefix) {
		return prefix + sequence.incrementAndGet();
	}

	public static String newUserJson(String name) {
		return """
				{"email": "%s@example.com", "username": "%s", "password": "correct horse battery"}""".formatted(name,
				name);
	}

}
