package io.shopstream.platform.limits;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.shopstream.platform.web.TooManyRequestsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Per-client request rates: a token bucket per client (account, or address when
 * anonymous) for reads and another for writes, refilled greedily at the configured rate
 * up to the burst. Over it, 429 with {@code Retry-After}; every limited response carries
 * the {@code RateLimit-Policy} and {@code RateLimit} fields of the IETF draft
 * (draft-ietf-httpapi-ratelimit-headers-09: a quoted policy name with {@code q} quota and
 * {@code w} window, and {@code r} remaining and {@code t} seconds until the quota is
 * whole again). Runs after Spring Security, so a signed-in client is counted by account
 * wherever it connects from; requests security refuses never reach it. Operations
 * endpoints ({@code /actuator}) are not limited: probes all come from one address.
 * Buckets live in this instance: with N replicas a client may get up to N times the rate.
 * A bucket is forgotten once its client has been quiet long enough to have refilled it (a
 * new one would be the same), or when more clients than {@code tracked-clients} are
 * active, the least recently seen first; that clean-up runs off the event loop.
 * {@code OPTIONS} (a browser's CORS preflight) counts as a read, so preflights never eat
 * into the writes they precede.
 */
@Component
final class RequestRateLimits implements WebFilter, Ordered {

	/** After Spring Security's filter chain (order -100), so that the caller is known. */
	static final int ORDER = 0;

	static final String POLICY_FIELD = "RateLimit-Policy";

	static final String LIMIT_FIELD = "RateLimit";

	private static final Logger log = LoggerFactory.getLogger(RequestRateLimits.class);

	private final Policy reads;

	private final Policy writes;

	private final Counter rejectedReads;

	private final Counter rejectedWrites;

	RequestRateLimits(LimitsProperties properties, MeterRegistry registry) {
		this.reads = Policy.of("reads", properties.requestsPerSecondPerClient(), properties.requestBurst(),
				properties.trackedClients());
		this.writes = Policy.of("writes", properties.writesPerSecondPerClient(), properties.writeBurst(),
				properties.trackedClients());
		this.rejectedReads = rejected(registry, "requests");
		this.rejectedWrites = rejected(registry, "writes");
		log.info("Request rate per client: reads {}, writes {}", describe(this.reads), describe(this.writes));
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getPath().value().startsWith("/actuator/")) {
			return chain.filter(exchange);
		}
		boolean read = isRead(exchange.getRequest().getMethod());
		Policy policy = read ? this.reads : this.writes;
		if (policy == null) {
			return chain.filter(exchange);
		}
		return ClientKeys.of(exchange).flatMap((client) -> {
			ConsumptionProbe probe = policy.bucket(client).tryConsumeAndReturnRemaining(1);
			HttpHeaders headers = exchange.getResponse().getHeaders();
			headers.set(POLICY_FIELD, policy.field());
			long secondsToWhole = seconds(probe.getNanosToWaitForReset());
			headers.set(LIMIT_FIELD,
					"\"" + policy.name() + "\";r=" + probe.getRemainingTokens() + ";t=" + secondsToWhole);
			if (!probe.isConsumed()) {
				(read ? this.rejectedReads : this.rejectedWrites).increment();
				Duration wait = Duration.ofSeconds(seconds(probe.getNanosToWaitForRefill()));
				return Mono
					.error(new TooManyRequestsException(
							"You are making " + policy.name() + " faster than this service allows one client ("
									+ policy.perSecond() + " a second, " + policy.burst() + " at once); slow down",
							wait));
			}
			return chain.filter(exchange);
		});
	}

	/**
	 * Takes this filter's fields off a response refused by another limit (a feed or work
	 * cap), whose refusal has nothing to do with the request rate they describe.
	 */
	static void withdrawFields(ServerWebExchange exchange) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.remove(POLICY_FIELD);
		headers.remove(LIMIT_FIELD);
	}

	private static String describe(Policy policy) {
		return (policy != null) ? policy.perSecond() + "/s, burst " + policy.burst() : "no limit";
	}

	private static boolean isRead(HttpMethod method) {
		return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method);
	}

	private static long seconds(long nanos) {
		return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + TimeUnit.SECONDS.toNanos(1) - 1));
	}

	private static Counter rejected(MeterRegistry registry, String limit) {
		return Counter.builder("shopstream.limits.rejected")
			.tag("limit", limit)
			.description("Requests refused by an overload limit")
			.register(registry);
	}

	/**
	 * One kind of request's rate and burst, and its clients' buckets; null when that kind
	 * is not limited.
	 */
	record Policy(String name, int perSecond, int burst, Cache<String, Bucket> buckets) {

		static Policy of(String name, int perSecond, int burst, int trackedClients) {
			if (perSecond <= 0) {
				return null;
			}
			int capacity = (burst > 0) ? burst : 2 * perSecond;
			Duration refill = Duration.ofNanos(TimeUnit.SECONDS.toNanos(capacity) / perSecond + 1);
			Cache<String, Bucket> buckets = Caffeine.newBuilder()
				.expireAfterAccess(refill)
				.maximumSize(trackedClients)
				.build();
			return new Policy(name, perSecond, capacity, buckets);
		}

		Bucket bucket(String client) {
			return this.buckets.get(client, (key) -> newBucket());
		}

		private Bucket newBucket() {
			return Bucket.builder()
				.addLimit((limit) -> limit.capacity(this.burst).refillGreedy(this.perSecond, Duration.ofSeconds(1)))
				.build();
		}

		/**
		 * {@code "reads";q=20;w=2}: the burst, and the seconds the rate takes to refill
		 * it.
		 */
		String field() {
			long window = Math.max(1, (this.burst + this.perSecond - 1) / this.perSecond);
			return "\"" + this.name + "\";q=" + this.burst + ";w=" + window;
		}

	}

}
