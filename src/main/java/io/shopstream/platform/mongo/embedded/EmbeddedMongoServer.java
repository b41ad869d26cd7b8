package io.shopstream.platform.mongo.embedded;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;

/**
 * mongo-java-server with its in-memory back-end and oplog (so change streams work),
 * listening on a free loopback port. The normal driver connects to it over TCP, so every
 * line of the service runs the same code path as against a real MongoDB.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

	/**
	 * The field the embedded back-end adds to its {@code buildInfo} answer, where a real
	 * MongoDB has nothing of the name: how the service tells the two apart.
	 */
	public static final String BUILD_INFO_MARKER = "shopstreamEmbeddedBackend";

	private final EmbeddedMongoProperties properties;

	private final InetSocketAddress address;

	private final String database;

	private volatile MongoServer server;

	EmbeddedMongoServer(EmbeddedMongoProperties properties) {
		this.properties = properties;
		this.database = properties.database();
		this.server = start(new InetSocketAddress(InetAddress.getLoopbackAddress(), properties.port()));
		this.address = this.server.getLocalAddress();
	}

	private MongoServer start(InetSocketAddress bindTo) {
		MongoServer started = new MongoServer(new WaitingMemoryBackend(this.properties.oplogMaxEntries()));
		started.enableOplog();
		started.bind(bindTo, 1, this.properties.workerThreads());
		return started;
	}

	/**
	 * Stops the server and starts an empty one on the same port, as a crashed and
	 * restarted database would look to the driver: connections drop, data and oplog are
	 * gone.
	 */
	public void restartEmpty() {
		this.server.shutdownNow();
		this.server = start(this.address);
	}

	public InetSocketAddress address() {
		return this.address;
	}

	public ConnectionString connectionString() {
		return new ConnectionString(
				"mongodb://" + this.address.getHostString() + ":" + this.address.getPort() + "/" + this.database);
	}

	@Override
	public void close() {
		this.server.shutdownNow();
	}

}
