package io.shopstream.users;

import org.springframework.data.mongodb.repository.ReactiveMongoRepository;

/**
 * Plain access to the {@code users} collection; queries with conditions live in
 * {@link UserService}.
 */
interface UserRepository extends ReactiveMongoRepository<User, String> {

}
