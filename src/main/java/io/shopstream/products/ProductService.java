package io.shopstream.products;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;

import com.mongodb.client.model.Filters;
import io.shopstream.platform.mongo.Capabilities;
import io.shopstream.platform.mongo.Capability;
import io.shopstream.platform.mongo.OutsideStableApi;
import io.shopstream.platform.web.NotFoundException;
import io.shopstream.platform.web.paging.KeysetPager;
import io.shopstream.platform.web.paging.Page;
import io.shopstream.platform.web.paging.PageRequest;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The catalogue: products by id, sku, filters and text; writes come from admins and
 * imports.
 */
@Service
public class ProductService {

	private final ProductRepository repository;

	private final ReactiveMongoTemplate template;

	private final KeysetPager pager;

	private final Capabilities capabilities;

	private final OutsideStableApi outsideStableApi;

	private final Clock clock;

	ProductService(ProductRepository repository, ReactiveMongoTemplate template, KeysetPager pager,
			Capabilities capabilities, OutsideStableApi outsideStableApi, Clock clock) {
		this.repository = repository;
		this.template = template;
		this.pager = pager;
		this.capabilities = capabilities;
		this.outsideStableApi = outsideStableApi;
		this.clock = clock;
	}

	public Mono<Product> create(ProductDraft draft) {
		Instant now = this.clock.instant();
		return this.repository.insert(fromDraft(null, draft, now, now));
	}

	public Mono<Product> get(ObjectId id) {
		// The template, not the repository: the same find command without the
		// repository proxy's interceptors, on the busiest read there is.
		return this.template.findById(id, Product.class).switchIfEmpty(Mono.error(() -> notFound(id)));
	}

	/** Products with these skus that are on sale. */
	public Flux<Product> findActiveBySkus(Collection<String> skus) {
		return this.template.find(Query.query(Criteria.where("sku").in(skus)), Product.class)
			.filter((product) -> product.status() == ProductStatus.active);
	}

	Mono<Page<Product>> list(ProductFilter filter, PageRequest page) {
		// Hinted on both back-ends: the embedded one, which makes no secondary index,
		// ignores hints, so the commands checked there are the ones a real server gets.
		return this.pager.page(filter.criteria(), filter.keyset(), page, Product.class, filter.hint().orElse(null));
	}

	/**
	 * Full-text search by relevance; needs a real MongoDB. Goes outside the Stable API,
	 * whose strict mode leaves a {@code $text} query without its index.
	 */
	Flux<ScoredProduct> search(String words, int limit) {
		this.capabilities.require(Capability.TEXT_SEARCH);
		Bson query = Filters.and(Filters.text(words), Filters.eq("status", ProductStatus.active.name()));
		return this.outsideStableApi.textSearch(ProductSchema.COLLECTION, query, limit)
			.map((document) -> new ScoredProduct(this.template.getConverter().read(Product.class, document),
					document.get("score", Number.class).doubleValue()));
	}

	/** Replaces everything the client owns; keeps the id and the creation time. */
	Mono<Product> replace(ObjectId id, ProductDraft draft) {
		return get(id).flatMap((existing) -> this.repository
			.save(fromDraft(existing.id(), draft, existing.createdAt(), this.clock.instant())));
	}

	Mono<Void> delete(ObjectId id) {
		return get(id).flatMap(this.repository::delete);
	}

	Mono<Boolean> exists(ObjectId id) {
		return this.template.exists(Query.query(Criteria.where("_id").is(id)), Product.class);
	}

	static Product fromDraft(String id, ProductDraft draft, Instant createdAt, Instant updatedAt) {
		ProductStatus status = (draft.status() != null) ? draft.status() : ProductStatus.active;
		return new Product(id, draft.sku(), draft.name(), (draft.slug() != null) ? draft.slug() : slugOf(draft.name()),
				draft.description(), draft.category(), draft.vendorId(), draft.attributes(), draft.pricing(),
				draft.seo(), status, createdAt, updatedAt, (status == ProductStatus.active) ? createdAt : null);
	}

	static String slugOf(String name) {
		String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
		return slug.isEmpty() ? "product" : slug.substring(0, Math.min(200, slug.length()));
	}

	private static NotFoundException notFound(ObjectId id) {
		return new NotFoundException("No product with id " + id.toHexString());
	}

	/** A search hit with its relevance. */
	record ScoredProduct(Product product, double score) {
	}

}
