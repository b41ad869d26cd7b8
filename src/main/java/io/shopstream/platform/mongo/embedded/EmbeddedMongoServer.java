package io.shopstream.platform.mongo.embedded;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * mongo-java-server with its in-memory back-end and oplog (so change streams work), listening
 * on a free loopback port. The normal driver connects to it over TCP, so every line of the
 * service runs the same code path as against a real MongoDB.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

	private final MongoServer server;

	private final InetSocketAddress address;

	private final String database;

	EmbeddedMongoServer(EmbeddedMongoProperties properties) {
		this.database = properties.database();
		this.server = new MongoServer(new MemoryBackend());
		this.server.enableOplog();
		this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1,
				properties.workerThreads());
		this.address = this.server.getLocalAddress();
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
