package io.shopstream.platform.mongo.schema;

import java.util.List;

import io.shopstream.platform.mongo.Capabilities;
import io.shopstream.platform.mongo.OutsideStableApi;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;

/**
 * Applies every feature's {@link CollectionSchema} during start-up, before traffic is
 * accepted.
 */
@Configuration(proxyBeanMethods = false)
class SchemaConfiguration {

	@Bean
	DuplicateKeyFields duplicateKeyFields(List<CollectionSchema> schemas) {
		return new DuplicateKeyFields(schemas);
	}

	@Bean
	SchemaInitializer schemaInitializer(ReactiveMongoDatabaseFactory databases, OutsideStableApi outsideStableApi,
			Capabilities capabilities, List<CollectionSchema> schemas) {
		return new SchemaInitializer(databases.getMongoDatabase().block(), outsideStableApi, capabilities, schemas);
	}

}
