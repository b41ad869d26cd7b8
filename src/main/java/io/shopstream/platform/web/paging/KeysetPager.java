package io.shopstream.platform.web.paging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Runs a keyset-paginated query. A page of up to {@value #HELD_PAGE} items is one query
 * for the page and the item after it, held until the next-page cursor is known. A larger
 * page is read in two steps: a small probe, served by the sort index, reads only the sort
 * keys of the page's last item and of the one after it, and the page is then streamed as
 * everything after the request's cursor up to that last item, so the cursor is known
 * before the body starts and nothing is held in memory. Either way an item inserted
 * meanwhile is neither skipped nor repeated across pages.
 */
@Component
public class KeysetPager {

	/**
	 * Pages of up to this many items are read in one query and held; larger ones (up to
	 * {@link PageRequest#MAX_LIMIT}) are probed first and streamed, so that many clients
	 * asking for large pages at once do not hold them all in memory.
	 */
	public static final int HELD_PAGE = 100;

	private final ReactiveMongoTemplate template;

	public KeysetPager(ReactiveMongoTemplate template) {
		this.template = template;
	}

	public <T> Mono<Page<T>> page(Criteria filter, Keyset keyset, PageRequest request, Class<T> type) {
		return page(filter, keyset, request, type, null);
	}

	/**
	 * As {@link #page(Criteria, Keyset, PageRequest, Class)}, with both queries hinted to
	 * the named index when the caller knows it serves them best.
	 */
	public <T> Mono<Page<T>> page(Criteria filter, Keyset keyset, PageRequest request, Class<T> type, String hint) {
		List<Criteria> base = new ArrayList<>();
		if (filter != null) {
			base.add(filter);
		}
		if (request.after() != null) {
			base.add(keyset.after(PageCursor.decode(request.after(), keyset)));
		}
		String collection = this.template.getCollectionName(type);
		if (request.limit() <= HELD_PAGE) {
			return held(base, keyset, request.limit(), type, hint, collection);
		}
		Query probe = hinted(query(base), hint).with(keyset.sort()).skip(request.limit() - 1L).limit(2);
		keyset.fields().forEach((field) -> probe.fields().include(field));
		return this.template.find(probe, Document.class, collection).collectList().map((edge) -> {
			if (edge.size() < 2) {
				Query items = hinted(query(base), hint).with(keyset.sort()).limit(request.limit());
				return new Page<>(this.template.find(items, type), null);
			}
			List<Object> last = position(edge.get(0), keyset);
			List<Criteria> bounded = new ArrayList<>(base);
			bounded.add(keyset.upTo(last));
			Query items = hinted(query(bounded), hint).with(keyset.sort());
			return new Page<>(this.template.find(items, type), PageCursor.encode(last));
		});
	}

	/**
	 * A page of at most {@value #HELD_PAGE}: one query for the page and the item after
	 * it, whose presence says whether there is a next page. The page is held until the
	 * cursor is known, which for so few items costs less than the probe's second query.
	 */
	private <T> Mono<Page<T>> held(List<Criteria> base, Keyset keyset, int limit, Class<T> type, String hint,
			String collection) {
		Query items = hinted(query(base), hint).with(keyset.sort()).limit(limit + 1);
		MongoConverter converter = this.template.getConverter();
		return this.template.find(items, Document.class, collection).collectList().map((found) -> {
			boolean more = found.size() > limit;
			List<Document> page = more ? found.subList(0, limit) : found;
			String next = more ? PageCursor.encode(position(page.get(limit - 1), keyset)) : null;
			return new Page<>(Flux.fromIterable(page).map((document) -> converter.read(type, document)), next);
		});
	}

	/**
	 * The same two-step keyset paging over the output of an aggregation: {@code pipeline}
	 * ends with the stage whose output is paged; the keyset's fields are fields of that
	 * output.
	 */
	public Mono<Page<Document>> pageAggregation(String collection, List<Document> pipeline, Keyset keyset,
			PageRequest request) {
		List<Document> base = new ArrayList<>(pipeline);
		if (request.after() != null) {
			base.add(new Document("$match",
					keyset.after(PageCursor.decode(request.after(), keyset)).getCriteriaObject()));
		}
		Document sort = new Document();
		for (int i = 0; i < keyset.fields().size(); i++) {
			sort.append(keyset.fields().get(i), keyset.directions().get(i).isAscending() ? 1 : -1);
		}
		base.add(new Document("$sort", sort));
		List<Document> probe = new ArrayList<>(base);
		probe.add(new Document("$skip", request.limit() - 1));
		probe.add(new Document("$limit", 2));
		return this.template.getCollection(collection)
			.flatMap((documents) -> Flux.from(documents.aggregate(probe)).collectList().map((edge) -> {
				List<Document> page = new ArrayList<>(base);
				if (edge.size() < 2) {
					page.add(new Document("$limit", request.limit()));
					return new Page<>(Flux.from(documents.aggregate(page)), null);
				}
				List<Object> last = position(edge.get(0), keyset);
				page.add(page.size() - 1, new Document("$match", keyset.upTo(last).getCriteriaObject()));
				return new Page<>(Flux.from(documents.aggregate(page)), PageCursor.encode(last));
			}));
	}

	private static Query hinted(Query query, String hint) {
		return (hint != null) ? query.withHint(hint) : query;
	}

	private static Query query(List<Criteria> criteria) {
		if (criteria.isEmpty()) {
			return new Query();
		}
		return new Query((criteria.size() == 1) ? criteria.get(0) : new Criteria().andOperator(criteria));
	}

	private static List<Object> position(Document document, Keyset keyset) {
		List<Object> position = new ArrayList<>();
		for (String field : keyset.fields()) {
			position.add(document.getEmbedded(Arrays.asList(field.split("\\.")), Object.class));
		}
		return position;
	}

}
