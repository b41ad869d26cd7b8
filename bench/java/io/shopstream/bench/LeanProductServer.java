package io.shopstream.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCompressor;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.ServerApi;
import com.mongodb.ServerApiVersion;
import com.mongodb.WriteConcern;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The least a server can do to answer Shopstream's two product reads: Reactor Netty and
 * the reactive driver, no framework, no security, no validation beyond parsing the id. It
 * runs the same queries as the service ({@code _id}; a category's newest 50 by
 * {@code created_at} then {@code _id}, with the same hint) with the same client settings
 * (Stable API V1 strict, read concern majority, primaryPreferred, write concern majority,
 * the same compressors offered) and writes the same JSON: snake_case fields as stored,
 * {@code id} for {@code _id}, decimals as exact strings, dates as ISO-8601 instants, no
 * nulls. The benchmark checks that its answers and the service's are equal before
 * measuring.
 * <p>
 * Arguments: the port to listen on and the MongoDB URI.
 */
public final class LeanProductServer {

	/** What the process prints once it listens. */
	static final String LISTENING = "lean product server listening on port ";

	private static final String PRODUCTS = "/api/v1/products";

	private final MongoCollection<Document> products;

	private LeanProductServer(MongoCollection<Document> products) {
		this.products = products;
	}

	public static void main(String[] arguments) throws InterruptedException {
		int port = Integer.parseInt(arguments[0]);
		MongoClient client = MongoClients.create(settings(arguments[1]));
		LeanProductServer lean = new LeanProductServer(client.getDatabase("shopstream").getCollection("products"));
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.route((routes) -> routes.get(PRODUCTS + "/{id}", lean::one).get(PRODUCTS, lean::category))
			.bindNow();
		System.out.println(LISTENING + server.port());
		new CountDownLatch(1).await();
	}

	/** The client settings Shopstream's own client runs with. */
	static MongoClientSettings settings(String uri) {
		return MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(uri))
			.serverApi(ServerApi.builder().version(ServerApiVersion.V1).strict(true).deprecationErrors(true).build())
			.readConcern(ReadConcern.MAJORITY)
			.readPreference(ReadPreference.primaryPreferred())
			.writeConcern(WriteConcern.MAJORITY.withWTimeout(5, TimeUnit.SECONDS))
			.compressorList(List.of(MongoCompressor.createSnappyCompressor(), MongoCompressor.createZlibCompressor(),
					MongoCompressor.createZstdCompressor()))
			.applyToConnectionPoolSettings((pool) -> pool.minSize(10).maxSize(100))
			.build();
	}

	/** {@code _id} lookup: the service's {@code GET /products/{id}}. */
	static Mono<Document> findOne(MongoCollection<Document> products, ObjectId id) {
		return Mono.from(products.find(Filters.eq("_id", id)).limit(1).first());
	}

	/**
	 * A category's newest {@code limit}, and one more to know there is a next page: the
	 * service's {@code GET /products?category=…&limit=…}.
	 */
	static Flux<Document> newestInCategory(MongoCollection<Document> products, String slug, int limit) {
		return Flux.from(products.find(Filters.eq("category.slug", slug))
			.sort(Sorts.descending("created_at", "_id"))
			.hintString("category_created_at_id")
			.limit(limit + 1));
	}

	private Mono<Void> one(HttpServerRequest request, HttpServerResponse response) {
		ObjectId id;
		try {
			id = new ObjectId(request.param("id"));
		}
		catch (IllegalArgumentException ex) {
			return response.status(HttpResponseStatus.NOT_FOUND).send();
		}
		return findOne(this.products, id).flatMap((product) -> json(response, write(new StringBuilder(), product)))
			.switchIfEmpty(Mono.defer(() -> response.status(HttpResponseStatus.NOT_FOUND).send().then(Mono.empty())));
	}

	private Mono<Void> category(HttpServerRequest request, HttpServerResponse response) {
		Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
		String slug = query.getOrDefault("category", List.of("")).get(0);
		int limit = Integer.parseInt(query.getOrDefault("limit", List.of("20")).get(0));
		return newestInCategory(this.products, slug, limit).take(limit).collectList().flatMap((found) -> {
			StringBuilder json = new StringBuilder(found.size() * 1024).append('[');
			for (int i = 0; i < found.size(); i++) {
				write((i > 0) ? json.append(',') : json, found.get(i));
			}
			return json(response, json.append(']'));
		});
	}

	private static Mono<Void> json(HttpServerResponse response, CharSequence json) {
		return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
			.sendString(Mono.just(json.toString()), StandardCharsets.UTF_8)
			.then();
	}

	static StringBuilder write(StringBuilder json, Object value) {
		if (value instanceof Document document) {
			json.append('{');
			boolean first = true;
			for (Map.Entry<String, Object> field : document.entrySet()) {
				if (field.getValue() == null || field.getKey().equals("_class")) {
					continue;
				}
				if (!first) {
					json.append(',');
				}
				first = false;
				string(json, field.getKey().equals("_id") ? "id" : field.getKey()).append(':');
				write(json, field.getValue());
			}
			return json.append('}');
		}
		if (value instanceof List<?> list) {
			json.append('[');
			for (int i = 0; i < list.size(); i++) {
				write((i > 0) ? json.append(',') : json, list.get(i));
			}
			return json.append(']');
		}
		if (value instanceof String text) {
			return string(json, text);
		}
		if (value instanceof ObjectId id) {
			return string(json, id.toHexString());
		}
		if (value instanceof Decimal128 decimal) {
			return string(json, decimal.bigDecimalValue().toPlainString());
		}
		if (value instanceof Date date) {
			return string(json, Instant.ofEpochMilli(date.getTime()).toString());
		}
		return json.append(value);
	}

	private static StringBuilder string(StringBuilder json, String text) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"');
	}

}
