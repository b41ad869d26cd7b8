package io.shopstream.stores;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.geo.GeoJsonPoint;
import org.springframework.data.mongodb.core.mapping.Document;

/** A store in the {@code stores} collection; {@code location} is a GeoJSON point [longitude, latitude]. */
@Document("stores")
public record Store(@Id String id, String name, StoreStatus status, Location location, String city,
		Instant createdAt) {

	/** A GeoJSON point. */
	public record Location(String type, java.util.List<Double> coordinates) {

		static Location of(double longitude, double latitude) {
			return new Location("Point", java.util.List.of(longitude, latitude));
		}

		GeoJsonPoint point() {
			return new GeoJsonPoint(this.coordinates.get(0), this.coordinates.get(1));
		}

	}

	public enum StoreStatus {

		open, closed

	}

}
