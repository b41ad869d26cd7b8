package io.shopstream.platform.web.json;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads an exact decimal from a JSON string ({@code "19.99"}) or number ({@code 19.99}).
 * A number is taken from its text, so nothing is lost to binary floating point. At most
 * 34 significant digits, the precision of Decimal128.
 */
class DecimalDeserializer extends StdDeserializer<BigDecimal> {

	private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,34}(\\.\\d{1,34})?");

	DecimalDeserializer() {
		super(BigDecimal.class);
	}

	@Override
	public BigDecimal deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
			return checked(parser.getString(), parser, context);
		}
		if (token == JsonToken.VALUE_STRING) {
			return checked(parser.getString().trim(), parser, context);
		}
		return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser);
	}

	private static BigDecimal checked(String text, JsonParser parser, DeserializationContext context) {
		if (!DECIMAL.matcher(text).matches()) {
			return (BigDecimal) context.handleWeirdStringValue(BigDecimal.class, text, "not an exact decimal");
		}
		BigDecimal value = new BigDecimal(text);
		if (value.precision() > 34) {
			return (BigDecimal) context.handleWeirdStringValue(BigDecimal.class, text, "more than 34 digits");
		}
		return value;
	}

}
