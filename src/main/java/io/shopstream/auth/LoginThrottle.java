package io.shopstream.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.shopstream.platform.security.SecurityProperties;
import io.shopstream.users.PasswordAttempts;

import org.springframework.stereotype.Component;

/**
 * Counts failed logins per account and per client address in one-minute windows. Once
 * either reaches the limit, further attempts are refused until the window ends, even with
 * the right password. A wrong current password given to change one's password or email
 * counts too ({@link PasswordAttempts}). Counters live in this process: with several
 * replicas, each enforces the limit on the attempts it sees.
 */
@Component
class LoginThrottle implements PasswordAttempts {

	private static final Duration WINDOW = Duration.ofMinutes(1);

	/** Past this many tracked keys, expired windows are swept on the next failure. */
	private static final int SWEEP_THRESHOLD = 50_000;

	private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

	private final int limit;

	private final Clock clock;

	LoginThrottle(SecurityProperties properties, Clock clock) {
		this.limit = properties.loginFailuresPerMinute();
		this.clock = clock;
	}

	/**
	 * How long the caller must wait, when the account or the address is over the limit.
	 */
	Optional<Duration> blockedFor(String account, String address) {
		return blockedFor(List.of(account), address);
	}

	void recordFailure(String account, String address) {
		recordFailure(List.of(account), address);
	}

	@Override
	public Optional<Duration> blockedFor(List<String> accounts, String address) {
		long now = this.clock.millis();
		long wait = remaining("address:" + address, now);
		for (String account : accounts) {
			wait = Math.max(wait, remaining("account:" + account, now));
		}
		return (wait > 0) ? Optional.of(Duration.ofMillis(wait)) : Optional.empty();
	}

	@Override
	public void recordFailure(List<String> accounts, String address) {
		long now = this.clock.millis();
		if (this.windows.size() > SWEEP_THRESHOLD) {
			this.windows.values().removeIf((window) -> window.endsAt() <= now);
		}
		accounts.forEach((account) -> count("account:" + account, now));
		count("address:" + address, now);
	}

	void recordSuccess(String account) {
		this.windows.remove("account:" + account);
	}

	private long remaining(String key, long now) {
		Window window = this.windows.get(key);
		if (window == null || window.endsAt() <= now || window.failures() < this.limit) {
			return 0;
		}
		return window.endsAt() - now;
	}

	private void count(String key, long now) {
		this.windows.compute(key, (k, window) -> (window == null || window.endsAt() <= now)
				? new Window(now + WINDOW.toMillis(), 1) : new Window(window.endsAt(), window.failures() + 1));
	}

	private record Window(long endsAt, int failures) {
	}

}
