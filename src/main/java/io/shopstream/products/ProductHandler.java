package io.shopstream.products;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.shopstream.platform.limits.Admission;
import io.shopstream.platform.limits.Work;
import io.shopstream.platform.web.Ids;
import io.shopstream.platform.web.InvalidRequestException;
import io.shopstream.platform.web.QueryParams;
import io.shopstream.platform.web.RequestBodies;
import io.shopstream.platform.web.Responses;
import io.shopstream.platform.web.paging.ListResponses;
import io.shopstream.platform.web.paging.PageRequest;
import io.shopstream.products.ProductViews.Granularity;
import io.shopstream.products.ProductViews.ViewCount;
import org.bson.types.ObjectId;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/**
 * HTTP for {@code /api/v1/products}. Reads are public; writes are admin-only by
 * {@link ProductAccessRules}.
 */
@Component
class ProductHandler {

	private final ProductService products;

	private final ProductImport importer;

	private final ProductViews views;

	private final RequestBodies bodies;

	private final Clock clock;

	private final Admission admission;

	ProductHandler(ProductService products, ProductImport importer, ProductViews views, RequestBodies bodies,
			Clock clock, Admission admission) {
		this.products = products;
		this.importer = importer;
		this.views = views;
		this.bodies = bodies;
		this.clock = clock;
		this.admission = admission;
	}

	Mono<ServerResponse> create(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		return this.bodies.read(request, ProductDraft.class)
			.flatMap(this.products::create)
			.flatMap((product) -> Responses.created("/api/v1/products/" + product.id(), product));
	}

	Mono<ServerResponse> list(ServerRequest request) {
		ProductFilter filter = ProductFilter.from(request);
		PageRequest page = PageRequest.from(request);
		return this.products.list(filter, page)
			.flatMap((products) -> ListResponses.write(request, products, Product.class));
	}

	Mono<ServerResponse> search(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of("q", "limit"));
		String words = request.queryParam("q")
			.filter((q) -> !q.isBlank() && q.length() <= 200)
			.orElseThrow(() -> InvalidRequestException.forField("q", "must be 1 to 200 characters"));
		int limit = PageRequest.from(request).limit();
		return ServerResponse.ok()
			.contentType(ListResponses.mediaType(request))
			.body(this.products.search(words, limit), ProductService.ScoredProduct.class);
	}

	Mono<ServerResponse> get(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		return this.products.get(id(request)).flatMap(Responses::ok);
	}

	Mono<ServerResponse> replace(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		ObjectId id = id(request);
		return this.bodies.read(request, ProductDraft.class)
			.flatMap((draft) -> this.products.replace(id, draft))
			.flatMap(Responses::ok);
	}

	Mono<ServerResponse> delete(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		return this.products.delete(id(request)).then(ServerResponse.noContent().build());
	}

	Mono<ServerResponse> bulkImport(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of("batch_size"));
		MediaType contentType = request.headers().contentType().orElse(null);
		if (contentType == null || !MediaType.APPLICATION_NDJSON.isCompatibleWith(contentType)) {
			throw new UnsupportedMediaTypeStatusException(contentType, List.of(MediaType.APPLICATION_NDJSON));
		}
		int batchSize = QueryParams.wholeNumber(request, "batch_size", 1, 10_000).orElse(1000);
		this.admission.admit(request.exchange(), Work.IMPORT);
		return this.importer.run(request.body(BodyExtractors.toDataBuffers()), batchSize).flatMap(Responses::ok);
	}

	Mono<ServerResponse> recordView(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		ObjectId id = id(request);
		return this.products.get(id).then(this.views.record(id)).then(ServerResponse.noContent().build());
	}

	Mono<ServerResponse> viewSeries(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of("from", "to", "granularity"));
		ObjectId id = id(request);
		Instant to = QueryParams.instant(request, "to").orElse(this.clock.instant());
		Instant from = QueryParams.instant(request, "from").orElse(to.minus(Duration.ofDays(1)));
		if (!from.isBefore(to) || Duration.between(from, to).compareTo(ProductViews.MAX_RANGE) > 0) {
			throw InvalidRequestException.forField("from", "must be before 'to', at most 366 days earlier");
		}
		Granularity granularity = QueryParams.enumValue(request, "granularity", Granularity.class)
			.orElse(Granularity.hour);
		return this.products.get(id)
			.then(ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.body(this.views.series(id, from, to, granularity), ViewCount.class));
	}

	private static ObjectId id(ServerRequest request) {
		return Ids.parse("id", request.pathVariable("id"));
	}

}
