package io.shopstream.users;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * {@link UserSeeding} on top of the service's own insert, so seeded users are built like
 * any other.
 */
@Component
class PrehashedUsers implements UserSeeding {

	private final UserService users;

	PrehashedUsers(UserService users) {
		this.users = users;
	}

	@Override
	public Mono<UserView> createWithPasswordHash(NewUser user, String passwordHash) {
		return this.users.insert(user, passwordHash);
	}

}
