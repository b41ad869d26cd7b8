package io.shopstream.platform.web.json;

import org.bson.types.ObjectId;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/** ObjectIds go out as 24-hex strings. */
class ObjectIdSerializer extends StdSerializer<ObjectId> {

	ObjectIdSerializer() {
		super(ObjectId.class);
	}

	@Override
	public void serialize(ObjectId value, JsonGenerator generator, SerializationContext context) {
		generator.writeString(value.toHexString());
	}

}
