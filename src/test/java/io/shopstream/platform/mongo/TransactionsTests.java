package io.shopstream.platform.mongo;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.MongoException;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

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
		Transactions transactions = new Transactions(new PassThrough());
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
		Transactions transactions = new Transactions(new PassThrough());
		StepVerifier.withVirtualTime(() -> transactions.atomically(() -> Mono.error(() -> {
			attempts.incrementAndGet();
			return labelled(MongoException.UNKNOWN_TRANSACTION_COMMIT_RESULT_LABEL);
		}))).thenAwait(Duration.ofSeconds(5)).expectError(MongoException.class).verify();
		assertThat(attempts).as("an unknown commit result is retried by committing again, not by redoing the work")
			.hasValue(1);
	}

	@Test
	void without_transactions_the_work_is_refused_as_a_missing_capability() {
		Transactions transactions = new Transactions((TransactionalOperator) null);
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
