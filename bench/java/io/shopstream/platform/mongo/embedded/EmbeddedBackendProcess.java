package io.shopstream.platform.mongo.embedded;

import java.util.concurrent.CountDownLatch;

/**
 * The embedded back-end on its own, for benchmarks that measure Shopstream's heap without
 * the data it stores: it listens on loopback, prints its port, and serves until its
 * process is stopped. The service reaches it through {@code spring.mongodb.uri} and
 * recognises it from its {@code buildInfo}, as it would in its own process.
 * <p>
 * Arguments: the port to listen on, and the oplog entries to keep.
 */
public final class EmbeddedBackendProcess {

	/** What the process prints once it listens, followed by its port. */
	public static final String LISTENING = "embedded back-end listening on port ";

	private EmbeddedBackendProcess() {
	}

	public static void main(String[] arguments) throws InterruptedException {
		int port = Integer.parseInt(arguments[0]);
		int oplogMaxEntries = Integer.parseInt(arguments[1]);
		EmbeddedMongoServer server = new EmbeddedMongoServer(
				new EmbeddedMongoProperties(true, "shopstream", 128, oplogMaxEntries, port));
		Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-back-end-shutdown"));
		System.out.println(LISTENING + server.address().getPort());
		new CountDownLatch(1).await();
	}

}
