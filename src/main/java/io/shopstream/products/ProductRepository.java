package io.shopstream.products;

import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.repository.ReactiveMongoRepository;

interface ProductRepository extends ReactiveMongoRepository<Product, String> {

	Mono<Product> findBySku(String sku);

}
