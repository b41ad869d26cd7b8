package io.shopstream.feeds;

import java.util.Map;
import java.util.Optional;

/** The whitelisted, validated query parameters a subscriber filters its feed with. */
record FeedFilter(Map<String, String> values) {

	Optional<String> get(String name) {
		return Optional.ofNullable(this.values.get(name));
	}

	boolean isEmpty() {
		return this.values.isEmpty();
	}

}
