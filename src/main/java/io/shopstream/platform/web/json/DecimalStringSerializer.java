package io.shopstream.platform.web.json;

import java.math.BigDecimal;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Money and other exact decimals go out as strings ({@code "215.98"}), never as binary
 * floats.
 */
class DecimalStringSerializer extends StdSerializer<BigDecimal> {

	DecimalStringSerializer() {
		super(BigDecimal.class);
	}

	@Override
	public void serialize(BigDecimal value, JsonGenerator generator, SerializationContext context) {
		generator.writeString(value.toPlainString());
	}

}
