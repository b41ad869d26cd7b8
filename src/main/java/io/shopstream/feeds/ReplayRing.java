package io.shopstream.feeds;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The last N events of one collection, in order, with an index by resume token, so that a
 * subscriber coming back with its Last-Event-ID gets exactly what it missed. Guarded by
 * its stream's lock.
 */
final class ReplayRing {

	private final int capacity;

	private final ArrayDeque<FeedEvent> events;

	private final Map<String, Long> sequenceByToken = new HashMap<>();

	private long nextSequence;

	ReplayRing(int capacity) {
		this.capacity = capacity;
		this.events = new ArrayDeque<>(Math.min(capacity, 1024));
	}

	void add(FeedEvent event) {
		if (this.events.size() == this.capacity) {
			FeedEvent oldest = this.events.removeFirst();
			this.sequenceByToken.remove(oldest.token());
		}
		this.events.addLast(event);
		this.sequenceByToken.put(event.token(), this.nextSequence++);
	}

	boolean contains(String token) {
		return this.sequenceByToken.containsKey(token);
	}

	/** The events after the one with this token, oldest first. */
	List<FeedEvent> after(String token) {
		Long sequence = this.sequenceByToken.get(token);
		if (sequence == null) {
			return List.of();
		}
		long firstSequence = this.nextSequence - this.events.size();
		int skip = (int) (sequence - firstSequence) + 1;
		List<FeedEvent> after = new ArrayList<>(Math.max(0, this.events.size() - skip));
		Iterator<FeedEvent> iterator = this.events.iterator();
		for (int i = 0; iterator.hasNext(); i++) {
			FeedEvent event = iterator.next();
			if (i >= skip) {
				after.add(event);
			}
		}
		return after;
	}

	void clear() {
		this.events.clear();
		this.sequenceByToken.clear();
	}

	int size() {
		return this.events.size();
	}

}
