package io.shopstream.platform.mongo;

import java.util.EnumSet;
import java.util.Set;

import com.mongodb.reactivestreams.client.MongoClient;
import io.shopstream.platform.mongo.embedded.EmbeddedMongoServer;
import org.bson.Document;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Asks the server what it is, from its own {@code hello} (or legacy {@code isMaster}) and
 * {@code buildInfo} answers. The embedded back-end says so in its {@code buildInfo}
 * ({@link EmbeddedMongoServer#BUILD_INFO_MARKER}) and has a known set, wherever it runs;
 * a real server is judged from its topology and version, and a server that answers
 * neither like MongoDB gets the conservative set, never a guess. {@code buildInfo} is not
 * in Stable API V1, so it goes through {@link OutsideStableApi}; {@code hello} is. The
 * Stable API capability says whether strict mode is in force for everything else.
 */
class CapabilityDetector {

	private static final Logger log = LoggerFactory.getLogger(CapabilityDetector.class);

	/** maxWireVersion of MongoDB 7.0. */
	private static final int WIRE_VERSION_7_0 = 21;

	private static final Set<Capability> EMBEDDED = EnumSet.of(Capability.CHANGE_STREAMS);

	private static final Set<Capability> ANY_REAL_SERVER = EnumSet.of(Capability.TEXT_SEARCH, Capability.GEO_QUERIES,
			Capability.SCHEMA_VALIDATION, Capability.COLL_MOD, Capability.EXPLAIN, Capability.SECONDARY_INDEXES,
			Capability.LOOKUP_PIPELINES);

	private final MongoClient client;

	private final OutsideStableApi outsideStableApi;

	CapabilityDetector(MongoClient client, OutsideStableApi outsideStableApi) {
		this.client = client;
		this.outsideStableApi = outsideStableApi;
	}

	Mono<Capabilities> detect() {
		return Mono.from(admin("hello")).onErrorResume((ex) -> {
			log.warn("The MongoDB server refused hello; asking the legacy isMaster instead", ex);
			return Mono.from(admin("isMaster"));
		}).zipWith(this.outsideStableApi.buildInfo().onErrorResume((ex) -> {
			log.warn("The MongoDB server refused buildInfo; judging its version from the wire version alone", ex);
			return Mono.just(new Document());
		})).map((answers) -> fromServer(answers.getT1(), answers.getT2()));
	}

	private Publisher<Document> admin(String command) {
		return this.client.getDatabase("admin").runCommand(new Document(command, 1));
	}

	private Capabilities fromServer(Document hello, Document buildInfo) {
		if (Boolean.TRUE.equals(buildInfo.get(EmbeddedMongoServer.BUILD_INFO_MARKER))) {
			Set<Capability> embedded = EnumSet.copyOf(EMBEDDED);
			if (this.outsideStableApi.strictElsewhere()) {
				embedded.add(Capability.STABLE_API);
			}
			return new Capabilities("embedded", "mongo-java-server", "embedded", embedded);
		}
		int wireVersion = (hello.get("maxWireVersion", Number.class) != null)
				? hello.get("maxWireVersion", Number.class).intValue() : -1;
		String version = buildInfo.getString("version");
		if (version == null) {
			version = (wireVersion >= 0) ? "wire version " + wireVersion : "unknown";
		}
		if (wireVersion < 0 && buildInfo.getString("version") == null) {
			log.warn("The MongoDB server did not answer hello/isMaster or buildInfo like MongoDB; "
					+ "assuming no optional capabilities");
			return new Capabilities("mongodb", version, "unknown", EnumSet.noneOf(Capability.class));
		}
		if (wireVersion < WIRE_VERSION_7_0) {
			log.warn("MongoDB {} is older than 7.0, the oldest version Shopstream supports", version);
		}
		String topology = topology(hello);
		Set<Capability> available = EnumSet.copyOf(ANY_REAL_SERVER);
		if (this.outsideStableApi.strictElsewhere()) {
			available.add(Capability.STABLE_API);
		}
		if (!topology.equals("standalone")) {
			available.add(Capability.TRANSACTIONS);
			available.add(Capability.CHANGE_STREAMS);
		}
		return new Capabilities("mongodb", version, topology, available);
	}

	private static String topology(Document hello) {
		if ("isdbgrid".equals(hello.getString("msg"))) {
			return "sharded";
		}
		return (hello.getString("setName") != null) ? "replica_set" : "standalone";
	}

}
