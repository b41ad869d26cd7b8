package io.shopstream.platform.limits;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The same number of places for each client. A client's entry exists only while it holds
 * a place, so the map never outgrows the connections actually open.
 */
final class ClientPermits {

	private final int perClient;

	private final ConcurrentHashMap<String, Integer> held = new ConcurrentHashMap<>();

	ClientPermits(int perClient) {
		this.perClient = perClient;
	}

	Optional<Permit> tryAcquire(String client) {
		boolean[] granted = new boolean[1];
		this.held.compute(client, (key, count) -> {
			int now = (count != null) ? count : 0;
			granted[0] = now < this.perClient;
			return (granted[0]) ? now + 1 : count;
		});
		return (granted[0]) ? Optional.of(new Permit(() -> release(client))) : Optional.empty();
	}

	private void release(String client) {
		this.held.computeIfPresent(client, (key, count) -> (count > 1) ? count - 1 : null);
	}

}
