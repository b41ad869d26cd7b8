package io.shopstream.platform.mongo;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.MongoException;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import io.shopstream.platform.web.ServiceUnavailableException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.http.HttpHeaders;
import org.springframework.transaction.reactive.TransactionCallback;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings every transaction runs with, and which failures run it again. The embedded
 * back-end has no transactions, so what reaches a real server is checked here on the
 * options the driver is given; the real-MongoDB suite runs the transactions themselves.
 */
class TransactionsTests {

	@Test
	void transactions_read_from_the_primary_at_snapshot_and_commit_at_majority() {
		// OperationExecutorImpl (driver-reactive-streams) refuses a read in a transaction
		// whose
		// read preference is not primary; without this the client's primaryPreferred
		// applies.
		assertThat(Transactions.OPTIONS.getReadPreference()).isEqualTo(ReadPreference.primary());
		assertThat(Transactions.OPTIONS.getReadConcern()).isEqualTo(ReadConcern.SNAPSHOT);
		assertThat(Transactions.OPTIONS.getWriteConcern()).isEqualTo(WriteConcern.MAJORITY);
	}

	@Test
	void a_transient_transaction_error_runs_the_whole_transaction_again() {
		AtomicInteger attempts = new AtomicInteger();
		Transactions transactions = new Transactions(new PassThrough(), TransactionProperties.defaults());
		StepVerifier.withVirtualTime(() -> transactions.atomically(() -> Mono.fromCallable(() -> {
			if (attempts.incrementAndGet() < 3) {
				throw labelled(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL);
			}
			return "placed";
		}))).thenAwait(Duration.ofSeconds(5)).expectNext("placed").verifyComplete();
		assertThat(attempts).hasValue(3);
	}

	@Test
	void any_other_failure_is_not_run_again() {
		AtomicInteger attempts = new AtomicInteger();
		Transactions transactions = new Transactions(new PassThrough(), TransactionProperties.defaults());
		StepVerifier.withVirtualTime(() -> transactions.atomically(() -> Mono.error(() -> {
			attempts.incrementAndGet();
			return labelled(MongoException.UNKNOWN_TRANSACTION_COMMIT_RESULT_LABEL);
		}))).thenAwait(Duration.ofSeconds(5)).expectError(MongoException.class).verify();
		assertThat(attempts).as("an unknown commit result is retried by committing again, not by redoing the work")
			.hasValue(1);
	}

	@Test
	void a_transaction_still_conflicting_at_the_deadline_is_a_503_with_retry_after() {
		AtomicInteger attempts = new AtomicInteger();
		Transactions transactions = new Transactions(new PassThrough(), TransactionProperties.defaults());
		StepVerifier.withVirtualTime(() -> transactions.atomically(() -> Mono.error(() -> {
			attempts.incrementAndGet();
			return labelled(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL);
		})))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(4_500))
			.thenAwait(Duration.ofMillis(500))
			.expectErrorSatisfies((failure) -> {
				assertThat(failure).isInstanceOf(ServiceUnavailableException.class)
					.hasMessageContaining("nothing was changed");
				assertThat(((ServiceUnavailableException) failure).getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
					.isEqualTo("1");
			})
			.verify();
		// Waits of 5-10, 10-20, ... ms, capped at 250-500 ms: no wait is longer than
		// 500 ms, so retries go on past 4.5 s; at least 11 attempts fit in 5 s.
		assertThat(attempts.get()).isBetween(11, 1_000);
	}

	@Test
	void an_unknown_commit_result_commits_again_until_it_is_known() {
		AtomicInteger commits = new AtomicInteger();
		TransactionRetries retries = new TransactionRetries(TransactionProperties.defaults());
		Mono<Void> commit = Mono.defer(() -> (commits.incrementAndGet() < 4)
				? Mono.error(labelled(MongoException.UNKNOWN_TRANSACTION_COMMIT_RESULT_LABEL)) : Mono.empty());
		StepVerifier.withVirtualTime(() -> Transactions.committing(commit, retries))
			.thenAwait(Duration.ofSeconds(5))
			.verifyComplete();
		assertThat(commits).hasValue(4);
	}

	@Test
	void a_commit_still_unknown_at_the_transactions_deadline_is_a_503_saying_it_may_have_applied() {
		AtomicInteger commits = new AtomicInteger();
		TransactionRetries retries = new TransactionRetries(
				new TransactionProperties(Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofMillis(500)));
		Mono<Void> commit = Mono.defer(() -> {
			commits.incrementAndGet();
			return Mono.error(labelled(MongoException.UNKNOWN_TRANSACTION_COMMIT_RESULT_LABEL));
		});
		StepVerifier
			.withVirtualTime(() -> Transactions.committing(commit, retries)
				.contextWrite((context) -> context.put(Transactions.Deadline.class,
						new Transactions.Deadline(retries.deadlineFromNow() - 1_000))))
			// No wait is longer than 500 ms, so retries go on past 500 ms and stop by 1
			// s.
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(500))
			.thenAwait(Duration.ofMillis(500))
			.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(ServiceUnavailableException.class)
				.hasMessageContaining("may have been applied"))
			.verify();
		assertThat(commits.get()).as("the commit is retried within the transaction's remaining second, no longer")
			.isBetween(4, 200);
	}

	@Test
	void backoff_grows_from_the_first_wait_to_the_cap_with_jitter_in_the_upper_half() {
		TransactionRetries retries = new TransactionRetries(TransactionProperties.defaults());
		Set<Duration> seen = new HashSet<>();
		for (int i = 0; i < 200; i++) {
			assertThat(retries.backoff(0)).isBetween(Duration.ofMillis(5), Duration.ofMillis(10));
			assertThat(retries.backoff(3)).isBetween(Duration.ofMillis(40), Duration.ofMillis(80));
			assertThat(retries.backoff(40)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
			seen.add(retries.backoff(5));
		}
		assertThat(seen).as("waits are jittered, not one fixed value").hasSizeGreaterThan(10);
	}

	@Test
	void without_transactions_the_work_is_refused_as_a_missing_capability() {
		Transactions transactions = new Transactions(null, TransactionProperties.defaults());
		assertThat(transactions.available()).isFalse();
		StepVerifier.create(transactions.atomically(() -> Mono.just("never")))
			.expectError(MissingCapabilityException.class)
			.verify();
	}

	private static MongoException labelled(String label) {
		MongoException failure = new MongoException(112, "WriteConflict");
		failure.addLabel(label);
		return failure;
	}

	/**
	 * An operator that runs the work as it is, as a transaction that always commits
	 * would.
	 */
	private static final class PassThrough implements TransactionalOperator {

		@Override
		public <T> Flux<T> execute(TransactionCallback<T> action) {
			return Flux.error(new UnsupportedOperationException());
		}

		@Override
		public <T> Mono<T> transactional(Mono<T> mono) {
			return mono;
		}

		@Override
		public <T> Flux<T> transactional(Flux<T> flux) {
			return flux;
		}

	}

}
