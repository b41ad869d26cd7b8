package io.shopstream.platform.mongo;

import java.util.List;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;

/**
 * The one way Shopstream talks to MongoDB outside Stable API V1 strict mode. Everything
 * else goes through the application's client, which declares API version 1 with
 * {@code apiStrict} and {@code apiDeprecationErrors}. A real server refuses four things
 * Shopstream needs under strict mode, so they, and only they, come through here, on a
 * small client of its own that declares API version 1 without {@code apiStrict}:
 * <ul>
 * <li>creating a text index: mongod answers APIStrictError "text indexes cannot be
 * created with apiStrict: true" ({@code src/mongo/db/index/index_key_validate.cpp});</li>
 * <li>a {@code $text} query: text (and sparse) indexes are outside API V1, the planner
 * ignores them under strict mode, and {@code $text} cannot run without its index
 * ({@code jstests/core/query/api/api_version_unstable_indexes.js});</li>
 * <li>{@code buildInfo}, for the server's version: the command declares no API version
 * ({@code CmdBuildInfo} in {@code src/mongo/db/commands/generic.cpp}), so strict mode
 * refuses it;</li>
 * <li>{@code explain} of an admin's find: explain itself is in API V1, but the find it
 * explains may use {@code $text}.</li>
 * </ul>
 * Its connections carry the application name with {@code " (outside Stable API)"}, so the
 * server's logs and {@code currentOp} tell them apart. On the embedded back-end, which
 * has no Stable API, this client differs from the application's only in its name and
 * pool.
 */
public final class OutsideStableApi implements DisposableBean {

	/** Appended to the application name on this client's connections. */
	public static final String APPLICATION_NAME_SUFFIX = " (outside Stable API)";

	private final MongoClient client;

	private final String database;

	private final boolean strictElsewhere;

	OutsideStableApi(MongoClient client, String database, boolean strictElsewhere) {
		this.client = client;
		this.database = database;
		this.strictElsewhere = strictElsewhere;
	}

	/** Creates one text index (refused under strict mode). */
	public Mono<String> createTextIndex(String collection, IndexModel index) {
		return Mono.from(database().getCollection(collection).createIndexes(List.of(index)));
	}

	/**
	 * Active documents matching {@code filter}, which must hold a {@code $text} clause,
	 * best first, each with its relevance in {@code score} (a {@code $text} query finds
	 * no index under strict mode).
	 */
	public Flux<Document> textSearch(String collection, Bson filter, int limit) {
		return Flux.from(database().getCollection(collection)
			.find(filter)
			.projection(Projections.metaTextScore("score"))
			.sort(Sorts.metaTextScore("score"))
			.limit(limit));
	}

	/** The server's {@code buildInfo} (not in API V1). */
	public Mono<Document> buildInfo() {
		return Mono.from(this.client.getDatabase("admin").runCommand(new Document("buildInfo", 1)));
	}

	/** Runs an {@code explain} of a find that may use {@code $text}. */
	public Mono<Document> explain(Document explain) {
		if (!explain.containsKey("explain")) {
			throw new IllegalArgumentException("Only explain commands go outside the Stable API, not " + explain);
		}
		return Mono.from(database().runCommand(explain));
	}

	/**
	 * Whether the application's own client runs in Stable API V1 strict mode (on a real
	 * server unless configured off).
	 */
	public boolean strictElsewhere() {
		return this.strictElsewhere;
	}

	private MongoDatabase database() {
		return this.client.getDatabase(this.database);
	}

	@Override
	public void destroy() {
		this.client.close();
	}

}
