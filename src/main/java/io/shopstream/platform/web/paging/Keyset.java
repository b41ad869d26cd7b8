package io.shopstream.platform.web.paging;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * The sort order of a list, which is also its pagination key. It always ends with
 * {@code _id}, so every position is unique and no item is skipped or repeated between
 * pages.
 *
 * @param fields MongoDB field paths, {@code _id} last
 * @param directions one per field
 */
public record Keyset(List<String> fields, List<Sort.Direction> directions) {

	/** By {@code _id} alone, ascending. */
	public static final Keyset BY_ID = new Keyset(List.of("_id"), List.of(Sort.Direction.ASC));

	/** Sorted by one field, then by {@code _id} in the same direction. */
	public static Keyset by(String field, Sort.Direction direction) {
		return new Keyset(List.of(field, "_id"), List.of(direction, direction));
	}

	public Sort sort() {
		List<Sort.Order> orders = new ArrayList<>();
		for (int i = 0; i < this.fields.size(); i++) {
			orders.add(new Sort.Order(this.directions.get(i), this.fields.get(i)));
		}
		return Sort.by(orders);
	}

	/** Items strictly after the position. */
	Criteria after(List<Object> position) {
		return beyond(position, false, false);
	}

	/** Items up to and including the position. */
	Criteria upTo(List<Object> position) {
		return beyond(position, true, true);
	}

	/**
	 * Lexicographic comparison on the whole key: (a > x) or (a = x and b > y) or ...,
	 * with each comparison flipped for descending fields and for {@code upTo}.
	 */
	private Criteria beyond(List<Object> position, boolean reversed, boolean inclusive) {
		List<Criteria> alternatives = new ArrayList<>();
		for (int i = 0; i < this.fields.size(); i++) {
			List<Criteria> all = new ArrayList<>();
			for (int j = 0; j < i; j++) {
				all.add(Criteria.where(this.fields.get(j)).is(position.get(j)));
			}
			boolean ascending = this.directions.get(i).isAscending() != reversed;
			Criteria step = Criteria.where(this.fields.get(i));
			all.add(ascending ? step.gt(position.get(i)) : step.lt(position.get(i)));
			alternatives.add((all.size() == 1) ? all.get(0) : new Criteria().andOperator(all));
		}
		if (inclusive) {
			List<Criteria> equal = new ArrayList<>();
			for (int j = 0; j < this.fields.size(); j++) {
				equal.add(Criteria.where(this.fields.get(j)).is(position.get(j)));
			}
			alternatives.add((equal.size() == 1) ? equal.get(0) : new Criteria().andOperator(equal));
		}
		return (alternatives.size() == 1) ? alternatives.get(0) : new Criteria().orOperator(alternatives);
	}

}
