/**
 * Keyset pagination and streamed lists: {@code ?limit=} and an opaque {@code ?after=}
 * cursor, the next page in a {@code Link: <…>; rel="next"} header, the page itself
 * streamed from the cursor as a JSON array or NDJSON without being collected in memory.
 */
package io.shopstream.platform.web.paging;
