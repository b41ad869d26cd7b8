package io.shopstream.platform.web.paging;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import io.shopstream.platform.web.InvalidRequestException;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * The opaque {@code after} cursor: the sort-key values of the last item of a page, as
 * BSON in base64url. Only plain values are accepted back (ids, strings, numbers, dates),
 * never documents or operators, and only as many as the list's keyset has.
 */
final class PageCursor {

	private static final int MAX_LENGTH = 1024;

	private static final DocumentCodec CODEC = new DocumentCodec();

	private PageCursor() {
	}

	static String encode(List<Object> position) {
		BasicOutputBuffer buffer = new BasicOutputBuffer();
		CODEC.encode(new BsonBinaryWriter(buffer), new Document("k", position), EncoderContext.builder().build());
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.toByteArray());
	}

	static List<Object> decode(String cursor, Keyset keyset) {
		if (cursor.length() > MAX_LENGTH) {
			throw invalid();
		}
		try {
			byte[] bytes = Base64.getUrlDecoder().decode(cursor);
			Document document = CODEC.decode(new BsonBinaryReader(ByteBuffer.wrap(bytes)),
					DecoderContext.builder().build());
			List<?> values = document.getList("k", Object.class);
			if (document.size() != 1 || values == null || values.size() != keyset.fields().size()
					|| !values.stream().allMatch(PageCursor::isPlainValue)) {
				throw invalid();
			}
			@SuppressWarnings("unchecked")
			List<Object> position = (List<Object>) values;
			return position;
		}
		catch (RuntimeException ex) {
			throw invalid();
		}
	}

	private static boolean isPlainValue(Object value) {
		return value == null || value instanceof ObjectId || value instanceof String || value instanceof Number
				|| value instanceof Decimal128 || value instanceof Date || value instanceof Boolean;
	}

	private static InvalidRequestException invalid() {
		return InvalidRequestException.forField("after", "is not a cursor this list handed out");
	}

}
