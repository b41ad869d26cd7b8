package io.shopstream.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The baseline side of a benchmark: the same operations through the reactive driver,
 * {@code concurrency} of them in flight at all times, for a fixed time, from this JVM.
 * Every completed operation's latency is kept, so its percentiles are exact.
 */
final class RawLoad {

	private RawLoad() {
	}

	/** What one run measured, in the shape of {@link Wrk.Result}. */
	static Wrk.Result run(IntFunction<Mono<?>> operation, int concurrency, Duration duration) {
		Latencies latencies = new Latencies();
		AtomicLong errors = new AtomicLong();
		long start = System.nanoTime();
		Flux.range(0, Integer.MAX_VALUE).flatMap((i) -> {
			long began = System.nanoTime();
			return operation.apply(i)
				.doOnSuccess((done) -> latencies.add((System.nanoTime() - began) / 1000))
				.onErrorResume((failure) -> {
					errors.incrementAndGet();
					return Mono.empty();
				});
		}, concurrency).take(duration).blockLast(duration.plusMinutes(1));
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		long[] sorted = latencies.sorted();
		return new Wrk.Result(sorted.length, took, percentile(sorted, 50), percentile(sorted, 99),
				(sorted.length > 0) ? sorted[sorted.length - 1] : 0, errors.get());
	}

	private static long percentile(long[] sorted, int percent) {
		return (sorted.length == 0) ? 0
				: sorted[(int) Math.min(sorted.length - 1, (long) sorted.length * percent / 100)];
	}

	/** Microseconds per completed operation, from any thread. */
	private static final class Latencies {

		private long[] values = new long[1 << 16];

		private int size;

		synchronized void add(long micros) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = micros;
		}

		synchronized long[] sorted() {
			long[] sorted = Arrays.copyOf(this.values, this.size);
			Arrays.sort(sorted);
			return sorted;
		}

	}

}
