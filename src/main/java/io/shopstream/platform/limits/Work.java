package io.shopstream.platform.limits;

/** Expensive work an instance runs only a few of at once. */
public enum Work {

	/** An analytics report or an explain. */
	REPORT("reports"),

	/** An order export streaming to its client. */
	EXPORT("exports"),

	/** A bulk product import. */
	IMPORT("imports");

	private final String limit;

	Work(String limit) {
		this.limit = limit;
	}

	String limit() {
		return this.limit;
	}

}
