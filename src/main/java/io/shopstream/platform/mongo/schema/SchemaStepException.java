package io.shopstream.platform.mongo.schema;

/**
 * A schema step the server refused, naming the collection, the step (with the index, if
 * any) and the server's own message. Thrown during start-up, which it ends.
 */
public class SchemaStepException extends IllegalStateException {

	private final String collection;

	SchemaStepException(String collection, String step, Throwable cause) {
		super("The schema of collection '" + collection + "' is not in place: " + step + " failed: "
				+ cause.getMessage(), cause);
		this.collection = collection;
	}

	public String collection() {
		return this.collection;
	}

}
