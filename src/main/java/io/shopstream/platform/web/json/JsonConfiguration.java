package io.shopstream.platform.web.json;

import java.math.BigDecimal;

import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the value types Shopstream writes its own way. The rest of the conventions
 * (snake_case, unknown properties rejected, no scalar coercion) are in application.yaml;
 * a number or boolean sent where a string is expected is refused here too.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

	@Bean
	JsonMapperBuilderCustomizer shopstreamJsonValues() {
		SimpleModule module = new SimpleModule("shopstream");
		module.addSerializer(BigDecimal.class, new DecimalStringSerializer());
		module.addDeserializer(BigDecimal.class, new DecimalDeserializer());
		module.addSerializer(Decimal128.class, new Decimal128Serializer());
		module.addSerializer(ObjectId.class, new ObjectIdSerializer());
		return (builder) -> builder.addModule(module)
			.withCoercionConfig(LogicalType.Textual,
					(strings) -> strings.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

}
