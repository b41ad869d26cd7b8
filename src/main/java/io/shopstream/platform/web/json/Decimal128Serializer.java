package io.shopstream.platform.web.json;

import org.bson.types.Decimal128;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Decimal128 values read straight from MongoDB documents go out as exact decimal strings
 * too.
 */
class Decimal128Serializer extends StdSerializer<Decimal128> {

	Decimal128Serializer() {
		super(Decimal128.class);
	}

	@Override
	public void serialize(Decimal128 value, JsonGenerator generator, SerializationContext context) {
		generator.writeString(value.bigDecimalValue().toPlainString());
	}

}
