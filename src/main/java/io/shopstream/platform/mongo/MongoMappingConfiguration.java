package io.shopstream.platform.mongo;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.convert.DefaultMongoTypeMapper;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

/**
 * Maps records to documents without a {@code _class} field: every collection holds one
 * type, and documents stay exactly as the collection validators describe them.
 */
@Configuration(proxyBeanMethods = false)
class MongoMappingConfiguration {

	@Bean
	MappingMongoConverter mappingMongoConverter(MongoMappingContext context, MongoCustomConversions conversions) {
		MappingMongoConverter converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, context);
		converter.setCustomConversions(conversions);
		converter.setTypeMapper(new DefaultMongoTypeMapper(null));
		return converter;
	}

}
