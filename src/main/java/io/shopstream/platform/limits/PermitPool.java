package io.shopstream.platform.limits;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of places, taken without waiting: there is one free now, or there is
 * none.
 */
final class PermitPool {

	private final int capacity;

	private final AtomicInteger inUse = new AtomicInteger();

	PermitPool(int capacity) {
		this.capacity = capacity;
	}

	Optional<Permit> tryAcquire() {
		int taken;
		do {
			taken = this.inUse.get();
			if (taken >= this.capacity) {
				return Optional.empty();
			}
		}
		while (!this.inUse.compareAndSet(taken, taken + 1));
		return Optional.of(new Permit(this.inUse::decrementAndGet));
	}

	int inUse() {
		return this.inUse.get();
	}

	int capacity() {
		return this.capacity;
	}

}
