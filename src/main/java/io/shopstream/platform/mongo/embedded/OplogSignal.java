package io.shopstream.platform.mongo.embedded;

/**
 * A version number that moves on every oplog write, and a way to wait for it to move.
 * Waiting change-stream cursors park here instead of polling.
 */
final class OplogSignal {

	private long version;

	synchronized long version() {
		return this.version;
	}

	synchronized void advance() {
		this.version++;
		notifyAll();
	}

	/** Waits until the version differs from {@code seen}, at most {@code millis}. */
	synchronized void awaitChange(long seen, long millis) throws InterruptedException {
		long deadline = System.nanoTime() + millis * 1_000_000;
		while (this.version == seen) {
			long left = (deadline - System.nanoTime()) / 1_000_000;
			if (left <= 0) {
				return;
			}
			wait(left);
		}
	}

}
