package io.shopstream.platform.mongo.schema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.mongodb.MongoCommandException;
import com.mongodb.client.model.CreateCollectionOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.ValidationAction;
import com.mongodb.client.model.ValidationLevel;
import com.mongodb.client.model.ValidationOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.shopstream.platform.mongo.Capabilities;
import io.shopstream.platform.mongo.Capability;
import io.shopstream.platform.mongo.OutsideStableApi;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.InitializingBean;

/**
 * Creates each declared collection with its validator (or updates the validator with
 * {@code collMod} where the back-end has it) and creates its indexes by name, one at a
 * time. Running it again changes nothing. What the embedded back-end lacks is skipped
 * with one log line per collection; start-up never fails for it. A step the server
 * refuses fails start-up with a {@link SchemaStepException} naming the collection, the
 * index and the server's message, so the service never reports ready on a half-made
 * schema.
 * <p>
 * Text indexes are created through {@link OutsideStableApi} (strict mode refuses them),
 * and each is then proven usable by a {@code $text} query through the same path.
 * <p>
 * Indexes a schema has retired are dropped after its declared ones exist, so that no
 * query is ever left without the index that replaces them. Replicas starting together may
 * race to create a collection or to drop an index; the loser's NamespaceExists or
 * IndexNotFound is taken as done.
 */
public class SchemaInitializer implements InitializingBean {

	private static final Duration START_UP_TIMEOUT = Duration.ofMinutes(2);

	private static final Logger log = LoggerFactory.getLogger(SchemaInitializer.class);

	/**
	 * MongoDB's NamespaceExists: another replica, starting at the same moment, created
	 * the collection first
	 * (https://github.com/mongodb/mongo/blob/master/src/mongo/base/error_codes.yml).
	 */
	private static final int NAMESPACE_EXISTS = 48;

	/**
	 * MongoDB's IndexNotFound
	 * (https://github.com/mongodb/mongo/blob/master/src/mongo/base/error_codes.yml).
	 */
	private static final int INDEX_NOT_FOUND = 27;

	private final MongoDatabase database;

	private final Capabilities capabilities;

	private final List<CollectionSchema> schemas;

	private final OutsideStableApi outsideStableApi;

	public SchemaInitializer(MongoDatabase database, OutsideStableApi outsideStableApi, Capabilities capabilities,
			List<CollectionSchema> schemas) {
		this.database = database;
		this.outsideStableApi = outsideStableApi;
		this.capabilities = capabilities;
		this.schemas = List.copyOf(schemas);
	}

	/**
	 * Runs on the main thread during start-up, so the service is not ready before its
	 * schema is.
	 */
	@Override
	public void afterPropertiesSet() {
		apply().block(START_UP_TIMEOUT);
	}

	public Mono<Void> apply() {
		return Flux.fromIterable(this.schemas).concatMap(this::apply).then();
	}

	private Mono<Void> apply(CollectionSchema schema) {
		List<String> skipped = new ArrayList<>();
		return collectionExists(schema.collection())
			.flatMap(
					(exists) -> exists
							? updateValidator(schema, skipped)
								.onErrorMap(failed(schema, "updating its validator (collMod)"))
							: create(schema)
								.onErrorResume(MongoCommandException.class,
										(ex) -> (ex.getErrorCode() == NAMESPACE_EXISTS)
												? updateValidator(schema, skipped) : Mono.error(ex))
								.onErrorMap(failed(schema, "creating it with its validator")))
			.then(Mono.defer(() -> createIndexes(schema, skipped)))
			.then(Mono.defer(() -> dropRetiredIndexes(schema)))
			.doOnSuccess((done) -> {
				if (!skipped.isEmpty()) {
					log.info("{}: the {} back-end lacks {}; skipped", schema.collection(), this.capabilities.backend(),
							String.join(", ", skipped));
				}
			});
	}

	private Mono<Boolean> collectionExists(String name) {
		return Flux.from(this.database.listCollectionNames()).any(name::equals);
	}

	private Mono<Void> create(CollectionSchema schema) {
		CreateCollectionOptions options = new CreateCollectionOptions();
		if (!schema.validator().isEmpty()) {
			options.validationOptions(new ValidationOptions().validator(schema.validator())
				.validationLevel(ValidationLevel.MODERATE)
				.validationAction(ValidationAction.ERROR));
		}
		return Mono.from(this.database.createCollection(schema.collection(), options)).then();
	}

	private Mono<Void> updateValidator(CollectionSchema schema, List<String> skipped) {
		if (schema.validator().isEmpty()) {
			return Mono.empty();
		}
		if (!this.capabilities.has(Capability.COLL_MOD)) {
			skipped.add("collMod (validator update)");
			return Mono.empty();
		}
		Document collMod = new Document("collMod", schema.collection()).append("validator", schema.validator())
			.append("validationLevel", "moderate")
			.append("validationAction", "error");
		return Mono.from(this.database.runCommand(collMod)).then();
	}

	private Mono<Void> createIndexes(CollectionSchema schema, List<String> skipped) {
		List<IndexModel> indexes = new ArrayList<>();
		for (IndexModel index : schema.indexes()) {
			String name = index.getOptions().getName();
			if (name == null) {
				return Mono.error(new IllegalStateException(
						schema.collection() + ": every index needs a name, " + index.getKeys() + " has none"));
			}
			if (!IndexKinds.isPlainUnique(index) && !this.capabilities.has(Capability.SECONDARY_INDEXES)) {
				skipped.add("index " + name);
			}
			else {
				indexes.add(index);
			}
		}
		return Flux.fromIterable(indexes)
			.concatMap((index) -> createIndex(schema.collection(), index)
				.onErrorMap(failed(schema, "creating index " + index.getOptions().getName())))
			.then();
	}

	private Mono<Void> dropRetiredIndexes(CollectionSchema schema) {
		if (schema.retiredIndexes().isEmpty()) {
			return Mono.empty();
		}
		MongoCollection<Document> collection = this.database.getCollection(schema.collection());
		return Flux.from(collection.listIndexes())
			.map((index) -> index.getString("name"))
			.filter(schema.retiredIndexes()::contains)
			.concatMap((name) -> Mono.from(collection.dropIndex(name))
				.onErrorResume(MongoCommandException.class,
						(ex) -> (ex.getErrorCode() == INDEX_NOT_FOUND) ? Mono.empty() : Mono.error(ex))
				.doOnSuccess((done) -> log.info("{}: dropped index {}, which a declared index replaces",
						schema.collection(), name))
				.onErrorMap(failed(schema, "dropping retired index " + name)))
			.then();
	}

	private Mono<Void> createIndex(String collection, IndexModel index) {
		if (!IndexKinds.isText(index)) {
			return Flux.from(this.database.getCollection(collection).createIndexes(List.of(index))).then();
		}
		return this.outsideStableApi.createTextIndex(collection, index)
			.then(this.outsideStableApi.textSearch(collection, Filters.text("shopstream"), 1).then());
	}

	private static Function<Throwable, Throwable> failed(CollectionSchema schema, String step) {
		return (ex) -> (ex instanceof SchemaStepException) ? ex
				: new SchemaStepException(schema.collection(), step, ex);
	}

}
