package io.shopstream.products;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.shopstream.platform.web.FieldProblem;
import io.shopstream.platform.web.InvalidRequestException;
import io.shopstream.platform.web.QueryParams;
import io.shopstream.platform.web.paging.Keyset;
import org.bson.types.Decimal128;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The filters and sort order of {@code GET /api/v1/products}: {@code category} (slug),
 * {@code min_price}, {@code max_price}, {@code status}, any {@code attr.<name>} with a
 * plain identifier as name, and {@code sort} ({@code -created_at} by default,
 * {@code created_at}, {@code price}, {@code -price}, {@code name}).
 */
record ProductFilter(Optional<String> category, Optional<BigDecimal> minPrice, Optional<BigDecimal> maxPrice,
		Optional<ProductStatus> status, Map<String, String> attributes, String sort) {

	private static final Pattern ATTRIBUTE = Pattern.compile("attr\\.([A-Za-z_][A-Za-z0-9_]{0,63})");

	private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,16}(\\.\\d{1,6})?");

	private static final List<String> SORTS = List.of("-created_at", "created_at", "price", "-price", "name");

	static ProductFilter from(ServerRequest request) {
		List<FieldProblem> problems = new ArrayList<>();
		Map<String, String> attributes = new LinkedHashMap<>();
		request.queryParams().forEach((name, values) -> {
			if (name.startsWith("attr.")) {
				if (!ATTRIBUTE.matcher(name).matches()) {
					problems.add(new FieldProblem((name.length() > 80) ? name.substring(0, 80) : name,
							"attribute names must be plain identifiers"));
				}
				else if (values.size() != 1 || values.get(0).length() > 200) {
					problems.add(new FieldProblem(name, "must be given once, at most 200 characters"));
				}
				else {
					attributes.put(name.substring(5), values.get(0));
				}
			}
		});
		if (!problems.isEmpty()) {
			throw InvalidRequestException.of("The request has invalid filters", problems);
		}
		if (attributes.size() > 10) {
			throw InvalidRequestException.forField("attr", "at most 10 attribute filters");
		}
		Set<String> allowed = new HashSet<>(
				List.of("category", "min_price", "max_price", "status", "sort", "limit", "after"));
		attributes.keySet().forEach((name) -> allowed.add("attr." + name));
		QueryParams.allowOnly(request, allowed);
		Optional<String> category = request.queryParam("category").map((slug) -> {
			if (!SLUG.matcher(slug).matches() || slug.length() > 100) {
				throw InvalidRequestException.forField("category", "must be a category slug");
			}
			return slug;
		});
		String sort = request.queryParam("sort").orElse("-created_at");
		if (!SORTS.contains(sort)) {
			throw InvalidRequestException.forField("sort", "must be one of " + SORTS);
		}
		return new ProductFilter(category, price(request, "min_price"), price(request, "max_price"),
				QueryParams.enumValue(request, "status", ProductStatus.class), attributes, sort);
	}

	private static Optional<BigDecimal> price(ServerRequest request, String name) {
		return request.queryParam(name).map((value) -> {
			if (!DECIMAL.matcher(value).matches()) {
				throw InvalidRequestException.forField(name, "must be a decimal amount");
			}
			return new BigDecimal(value);
		});
	}

	Criteria criteria() {
		List<Criteria> all = new ArrayList<>();
		this.category.ifPresent((slug) -> all.add(Criteria.where("category.slug").is(slug)));
		this.status.ifPresent((status) -> all.add(Criteria.where("status").is(status.name())));
		if (this.minPrice.isPresent() || this.maxPrice.isPresent()) {
			Criteria price = Criteria.where("pricing.base_price");
			this.minPrice.ifPresent((min) -> price.gte(new Decimal128(min)));
			this.maxPrice.ifPresent((max) -> price.lte(new Decimal128(max)));
			all.add(price);
		}
		this.attributes.forEach((name, value) -> all.add(Criteria.where("attributes." + name).in(candidates(value))));
		return all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
	}

	/**
	 * A query value may mean the text or, when it reads as one, the number or boolean
	 * (MongoDB compares numbers by value across int, long and double).
	 */
	private static List<Object> candidates(String value) {
		List<Object> candidates = new ArrayList<>(List.of(value));
		if (value.matches("-?\\d{1,15}")) {
			candidates.add(Long.parseLong(value));
		}
		else if (value.matches("-?\\d{1,15}\\.\\d{1,10}")) {
			candidates.add(Double.parseDouble(value));
		}
		else if (value.equals("true") || value.equals("false")) {
			candidates.add(Boolean.parseBoolean(value));
		}
		return candidates;
	}

	Keyset keyset() {
		return switch (this.sort) {
			case "created_at" -> Keyset.by("created_at", Sort.Direction.ASC);
			case "price" -> Keyset.by("pricing.base_price", Sort.Direction.ASC);
			case "-price" -> Keyset.by("pricing.base_price", Sort.Direction.DESC);
			case "name" -> Keyset.by("name", Sort.Direction.ASC);
			default -> Keyset.by("created_at", Sort.Direction.DESC);
		};
	}

	/**
	 * The index that serves this list: its equality field, then the list's sort order
	 * ending in {@code _id}, so that no page is sorted in memory. A category or a status
	 * bounds the scan, and the index gives the order; any other filter is checked on the
	 * documents in that range. A price range sorted by price is {@code price_id}, a list
	 * by name {@code name_id}. The planner chooses for the rest (no filter at all is
	 * {@code created_at_id}'s, which it finds alone).
	 */
	Optional<String> hint() {
		boolean byCreated = this.sort.endsWith("created_at");
		boolean byPrice = this.sort.endsWith("price");
		boolean byName = this.sort.equals("name");
		if (this.category.isPresent() && byCreated) {
			return Optional.of(ProductSchema.BY_CATEGORY_NEWEST);
		}
		if (this.category.isPresent() && byPrice) {
			return Optional.of(ProductSchema.BY_CATEGORY_PRICE);
		}
		if (this.category.isPresent() && byName) {
			return Optional.of(ProductSchema.BY_CATEGORY_NAME);
		}
		if (this.status.isPresent() && byCreated) {
			return Optional.of(ProductSchema.BY_STATUS_NEWEST);
		}
		if (byPrice) {
			return Optional.of(ProductSchema.BY_PRICE);
		}
		if (byName) {
			return Optional.of(ProductSchema.BY_NAME);
		}
		return Optional.empty();
	}

}
