package io.shopstream.products;

import java.util.List;

/**
 * What a bulk import did.
 *
 * @param lines lines read, blank ones included
 * @param valid lines that were well-formed products and were written
 * @param matched existing products the valid lines matched by sku
 * @param upserted new products created
 * @param modified existing products that changed
 * @param errorCount lines refused, all of them
 * @param errors the first refused lines with their 1-based number and reason
 */
record ImportReport(long lines, long valid, long matched, long upserted, long modified, long errorCount,
		List<LineError> errors) {

	/** A refused line. */
	record LineError(long line, String reason) {
	}

}
