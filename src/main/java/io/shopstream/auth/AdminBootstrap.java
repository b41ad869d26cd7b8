package io.shopstream.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import io.shopstream.platform.mongo.Capabilities;
import io.shopstream.users.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Makes sure an admin exists. With {@code SHOPSTREAM_ADMIN_EMAIL} and
 * {@code SHOPSTREAM_ADMIN_PASSWORD} set, that account is created unless a user already
 * has the email (so every start of every replica may run it). In embedded demo mode
 * without them, a demo admin with a random password is created and its credentials are
 * printed once; against a real MongoDB nothing is made up.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	static final String DEMO_EMAIL = "admin@shopstream.local";

	private final UserService users;

	private final AdminProperties admin;

	private final Capabilities capabilities;

	AdminBootstrap(UserService users, AdminProperties admin, Capabilities capabilities) {
		this.users = users;
		this.admin = admin;
		this.capabilities = capabilities;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (StringUtils.hasText(this.admin.email())) {
			if (this.admin.password() == null || this.admin.password().length() < 12
					|| this.admin.password().length() > 128) {
				throw new IllegalStateException("SHOPSTREAM_ADMIN_PASSWORD must be 12 to 128 characters");
			}
			Boolean created = this.users.ensureAdmin(this.admin.email(), this.admin.username(), this.admin.password())
				.block(TIMEOUT);
			if (Boolean.TRUE.equals(created)) {
				log.info("Created the admin account {}", this.admin.email());
			}
		}
		else if ("embedded".equals(this.capabilities.backend())) {
			String password = randomPassword();
			Boolean created = this.users.ensureAdmin(DEMO_EMAIL, "admin", password).block(TIMEOUT);
			if (Boolean.TRUE.equals(created)) {
				log.warn(
						"Demo admin for this embedded run: login {} password {} "
								+ "(set SHOPSTREAM_ADMIN_EMAIL and SHOPSTREAM_ADMIN_PASSWORD to choose your own)",
						DEMO_EMAIL, password);
			}
		}
	}

	private static String randomPassword() {
		byte[] bytes = new byte[15];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
