package io.shopstream.auth;

import reactor.core.publisher.Mono;

import org.springframework.data.mongodb.repository.ReactiveMongoRepository;

interface SessionRepository extends ReactiveMongoRepository<Session, String> {

	Mono<Session> findByTokenHash(String tokenHash);

	Mono<Long> deleteByTokenHash(String tokenHash);

}
