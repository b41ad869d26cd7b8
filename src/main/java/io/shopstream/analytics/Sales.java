package io.shopstream.analytics;

import java.util.List;

import org.bson.Document;

/** What counts as a sale: a delivered or completed order, in one currency. */
final class Sales {

	static final List<String> STATUSES = List.of("delivered", "completed");

	private Sales() {
	}

	static Document match(String currency) {
		return new Document("status", new Document("$in", STATUSES)).append("totals.currency", currency);
	}

}
