package io.shopstream.stores;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A store in the {@code stores} collection; {@code location} is a GeoJSON point
 * [longitude, latitude].
 */
@Document(StoreSchema.COLLECTION)
public record Store(@Id String id, String name, StoreStatus status, Location location, String city, Instant createdAt) {

	/** A GeoJSON point. */
	public record Location(String type, List<Double> coordinates) {

		static Location of(double longitude, double latitude) {
			return new Location("Point", List.of(longitude, latitude));
		}

	}

	public enum StoreStatus {

		/** Trading; found by nearby-store searches. */
		open,

		/** Not trading; left out of nearby-store searches. */
		closed

	}

}
