package io.shopstream.stores;

import java.time.Clock;

import io.shopstream.platform.mongo.Capabilities;
import io.shopstream.platform.mongo.Capability;
import io.shopstream.platform.web.NotFoundException;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.data.geo.Distance;
import org.springframework.data.geo.Metrics;
import org.springframework.data.geo.Point;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.NearQuery;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Stores: created by admins, listed for everyone, found near a point where the back-end
 * has geo queries.
 */
@Service
public class StoreService {

	/** The most stores a list or a proximity search returns. */
	static final int MAX_RESULTS = 1000;

	private final ReactiveMongoTemplate template;

	private final Capabilities capabilities;

	private final Clock clock;

	StoreService(ReactiveMongoTemplate template, Capabilities capabilities, Clock clock) {
		this.template = template;
		this.capabilities = capabilities;
		this.clock = clock;
	}

	public Mono<Store> create(NewStore store) {
		return this.template
			.insert(new Store(null, store.name(), (store.status() != null) ? store.status() : Store.StoreStatus.open,
					Store.Location.of(store.longitude(), store.latitude()), store.city(), this.clock.instant()));
	}

	Flux<Store> list() {
		return this.template.find(new Query().limit(MAX_RESULTS).with(Sort.by("name")), Store.class);
	}

	Mono<Store> get(ObjectId id) {
		return this.template.findById(id, Store.class)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("No store with id " + id.toHexString())));
	}

	/**
	 * Open stores between minMeters and maxMeters of the point, nearest first ($geoNear).
	 */
	Flux<NearbyStore> near(double longitude, double latitude, double minMeters, double maxMeters) {
		this.capabilities.require(Capability.GEO_QUERIES);
		NearQuery near = NearQuery.near(new Point(longitude, latitude), Metrics.KILOMETERS)
			.spherical(true)
			.minDistance(new Distance(minMeters / 1000, Metrics.KILOMETERS))
			.maxDistance(new Distance(maxMeters / 1000, Metrics.KILOMETERS))
			.query(Query.query(Criteria.where("status").is(Store.StoreStatus.open.name())))
			.limit(MAX_RESULTS);
		return this.template.geoNear(near, Store.class)
			.map((result) -> new NearbyStore(result.getContent(), Math.round(result.getDistance().getValue() * 1000)));
	}

	/** A store and its distance in metres. */
	record NearbyStore(Store store, long distanceM) {
	}

}
