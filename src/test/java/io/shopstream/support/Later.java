package io.shopstream.support;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Runs blocking test steps (HTTP calls through WebTestClient) a moment later on a plain
 * thread, while the test thread is subscribed to a stream; {@link #join()} re-throws what
 * they threw.
 */
public final class Later {

	private final CompletableFuture<Void> done;

	private Later(CompletableFuture<Void> done) {
		this.done = done;
	}

	public static Later run(Duration delay, Runnable steps) {
		return new Later(CompletableFuture.runAsync(() -> {
			try {
				Thread.sleep(delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			steps.run();
		}, (task) -> new Thread(task, "test-steps").start()));
	}

	public void join() {
		this.done.join();
	}

}
