package io.shopstream.users;

import reactor.core.publisher.Mono;

/**
 * The one way to create users whose password was hashed beforehand: a trusted bulk load
 * (the demo data) that gives many accounts one password and cannot afford a bcrypt hash
 * each. Kept apart from {@link UserService} so the service offers clients' operations
 * only.
 */
public interface UserSeeding {

	/**
	 * Creates a user as {@link UserService#create} does, with this hash (made by the
	 * platform's {@code Passwords}) instead of hashing {@code user.password()}, which is
	 * not read.
	 */
	Mono<UserView> createWithPasswordHash(NewUser user, String passwordHash);

}
