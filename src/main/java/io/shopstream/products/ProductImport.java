package io.shopstream.products;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.shopstream.platform.limits.LimitsProperties;
import io.shopstream.platform.web.InvalidRequestException;
import io.shopstream.platform.web.RequestBodies;
import io.shopstream.products.ImportReport.LineError;
import io.shopstream.products.NdjsonLines.Line;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/**
 * NDJSON bulk import: one product per line, any number of lines. The body is read as a
 * stream, each line is checked on its own, and valid lines are upserted by sku with
 * unordered {@code bulkWrite}s of one batch each, at write concern majority. Backpressure
 * holds one batch in memory whatever the file size. A refused line is reported with its
 * number and reason and never stops the others. Only inserts set
 * {@code created_at}/{@code updated_at}, so importing the same file again matches every
 * product and changes none.
 */
@Component
class ProductImport {

	private static final Logger log = LoggerFactory.getLogger(ProductImport.class);

	private static final int MAX_REPORTED_ERRORS = 1000;

	private static final long PROGRESS_EVERY = 50_000;

	private final ReactiveMongoTemplate template;

	private final RequestBodies bodies;

	private final JsonMapper json;

	private final Clock clock;

	private final int maxLineBytes;

	ProductImport(ReactiveMongoTemplate template, RequestBodies bodies, JsonMapper json, Clock clock,
			LimitsProperties limits) {
		this.template = template;
		this.bodies = bodies;
		this.json = json;
		this.clock = clock;
		this.maxLineBytes = (int) Math.min(Integer.MAX_VALUE - 8, limits.ndjsonMaxLine().toBytes());
	}

	Mono<ImportReport> run(Flux<DataBuffer> body, int batchSize) {
		NdjsonLines splitter = new NdjsonLines(this.maxLineBytes);
		Tally tally = new Tally();
		return body.concatMapIterable(splitter::feed)
			.concatWith(Flux.defer(() -> Flux.fromIterable(splitter.finish())))
			.doOnNext((line) -> tally.read(line.number()))
			.filter((line) -> !line.isBlank())
			.concatMap((line) -> Mono.justOrEmpty(parse(line, tally)))
			.buffer(batchSize)
			.concatMap((batch) -> write(batch, tally), 1)
			.then(Mono.fromSupplier(tally::report));
	}

	private ParsedLine parse(Line line, Tally tally) {
		if (line.tooLong()) {
			tally.refuse(line.number(), "line is longer than " + this.maxLineBytes + " bytes");
			return null;
		}
		try {
			JsonNode node = this.json.readTree(line.bytes());
			return new ParsedLine(line.number(), this.bodies.bind(node, ProductDraft.class));
		}
		catch (JacksonException ex) {
			tally.refuse(line.number(), "not well-formed JSON");
		}
		catch (InvalidRequestException ex) {
			tally.refuse(line.number(), reason(ex));
		}
		return null;
	}

	private Mono<Void> write(List<ParsedLine> batch, Tally tally) {
		Instant now = this.clock.instant();
		List<WriteModel<Document>> upserts = new ArrayList<>(batch.size());
		for (ParsedLine line : batch) {
			Document fields = new Document();
			this.template.getConverter().write(ProductService.fromDraft(null, line.draft(), now, now), fields);
			fields.remove("_id");
			Document onInsert = new Document("created_at", fields.remove("created_at")).append("updated_at",
					fields.remove("updated_at"));
			Object publishedAt = fields.remove("published_at");
			if (publishedAt != null) {
				onInsert.append("published_at", publishedAt);
			}
			upserts.add(new UpdateOneModel<>(Filters.eq("sku", line.draft().sku()),
					new Document("$set", fields).append("$setOnInsert", onInsert), new UpdateOptions().upsert(true)));
		}
		return this.template.getCollection(ProductSchema.COLLECTION)
			.flatMap((products) -> Mono.from(products.withWriteConcern(WriteConcern.MAJORITY)
				.bulkWrite(upserts, new BulkWriteOptions().ordered(false))))
			.doOnNext((result) -> tally.written(batch.size(), result))
			.onErrorResume(MongoBulkWriteException.class, (ex) -> {
				tally.written(batch.size() - ex.getWriteErrors().size(), ex.getWriteResult());
				for (BulkWriteError error : ex.getWriteErrors()) {
					tally.refuse(batch.get(error.getIndex()).number(),
							(error.getCode() == 11000) ? "another line wrote the same sku at the same time"
									: "MongoDB refused the product (code " + error.getCode() + ")");
				}
				return Mono.empty();
			})
			.then();
	}

	private static String reason(InvalidRequestException ex) {
		if (ex.problems().isEmpty()) {
			return ex.getMessage();
		}
		return ex.problems().stream().map((p) -> p.field() + " " + p.message()).collect(Collectors.joining("; "));
	}

	private record ParsedLine(long number, ProductDraft draft) {
	}

	/** Counts of one import; touched from one import's sequential pipeline only. */
	private static final class Tally {

		private long lines;

		private long valid;

		private long matched;

		private long upserted;

		private long modified;

		private long errorCount;

		private final List<LineError> errors = new ArrayList<>();

		void read(long number) {
			this.lines = number;
			if (number % PROGRESS_EVERY == 0) {
				log.info("Product import: {} lines read, {} refused so far", number, this.errorCount);
			}
		}

		void refuse(long line, String reason) {
			this.errorCount++;
			if (this.errors.size() < MAX_REPORTED_ERRORS) {
				this.errors.add(new LineError(line, reason));
			}
		}

		void written(int count, BulkWriteResult result) {
			this.valid += count;
			this.matched += result.getMatchedCount();
			this.upserted += result.getUpserts().size();
			this.modified += result.getModifiedCount();
		}

		ImportReport report() {
			List<LineError> sorted = new ArrayList<>(this.errors);
			sorted.sort(Comparator.comparingLong(LineError::line));
			return new ImportReport(this.lines, this.valid, this.matched, this.upserted, this.modified, this.errorCount,
					sorted);
		}

	}

}
