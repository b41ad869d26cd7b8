package io.shopstream.platform.limits;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A place taken in a limited pool, given back exactly once however many times it is
 * released.
 */
public final class Permit {

	private final Runnable giveBack;

	private final AtomicBoolean released = new AtomicBoolean();

	Permit(Runnable giveBack) {
		this.giveBack = giveBack;
	}

	public void release() {
		if (this.released.compareAndSet(false, true)) {
			this.giveBack.run();
		}
	}

	/** Releases both, this one last. */
	Permit and(Permit other) {
		return new Permit(() -> {
			other.release();
			release();
		});
	}

}
