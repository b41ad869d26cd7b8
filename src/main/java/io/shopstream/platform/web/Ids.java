package io.shopstream.platform.web;

import org.bson.types.ObjectId;

/** Resource ids: ObjectIds in MongoDB, 24-hex strings on the wire. */
public final class Ids {

	private Ids() {
	}

	/** The id as an ObjectId, or a 400 naming the parameter when it is not one. */
	public static ObjectId parse(String field, String value) {
		if (value == null || !ObjectId.isValid(value)) {
			throw InvalidRequestException.forField(field, "must be a 24-character hexadecimal id");
		}
		return new ObjectId(value);
	}

}
