package io.shopstream.platform.web.paging;

import java.util.function.Function;

import reactor.core.publisher.Flux;

/**
 * One page of a list: its items, still streaming from MongoDB, and the cursor of the next
 * page when there is one (known before the first item is sent, so it can go in a header).
 */
public record Page<T>(Flux<T> items, String nextCursor) {

	public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
		return new Page<>(this.items.map(mapper), this.nextCursor);
	}

}
