package io.shopstream.platform.mongo;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.mongodb.MongoException;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.TransactionOptions;
import com.mongodb.WriteConcern;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.data.mongodb.ReactiveMongoTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Multi-document transactions, where the back-end has them, with the settings MongoDB
 * requires and the retries its drivers' convenient API applies.
 * <ul>
 * <li>Read preference {@code primary}. A transaction's reads take the transaction's read
 * preference, which otherwise defaults to the client's ({@code primaryPreferred} here),
 * and the reactive driver refuses any other than primary ("Read preference in a
 * transaction must be primary": {@code OperationExecutorImpl} in mongo-java-driver's
 * driver-reactive-streams; the manual's "Transactions and Read Preference").</li>
 * <li>Read concern {@code snapshot}, so every read in the transaction sees one point in
 * time, and write concern {@code majority}, so a committed transaction survives a
 * failover (the manual's "Transactions and Read Concern" and "Transactions and Write
 * Concern").</li>
 * <li>A transaction that fails with the {@code TransientTransactionError} label is run
 * again from the start; a commit that fails with {@code UnknownTransactionCommitResult}
 * is committed again, never the whole transaction, which may already have been applied
 * (the drivers' transactions specification, as in
 * {@code ClientSession.withTransaction}).</li>
 * </ul>
 */
@Component
public class Transactions {

	/** What every Shopstream transaction runs with. */
	static final TransactionOptions OPTIONS = TransactionOptions.builder()
		.readPreference(ReadPreference.primary())
		.readConcern(ReadConcern.SNAPSHOT)
		.writeConcern(WriteConcern.MAJORITY)
		.maxCommitTime(10L, TimeUnit.SECONDS)
		.build();

	private static final int ATTEMPTS = 10;

	private final TransactionalOperator operator;

	@Autowired
	public Transactions(ReactiveMongoDatabaseFactory databases, Capabilities capabilities) {
		this(capabilities.has(Capability.TRANSACTIONS) ? TransactionalOperator.create(new CommitRetrying(databases))
				: null);
	}

	Transactions(TransactionalOperator operator) {
		this.operator = operator;
	}

	/** Whether the back-end runs multi-document transactions. */
	public boolean available() {
		return this.operator != null;
	}

	/**
	 * Runs the work in one transaction, again from the start while MongoDB says the
	 * transaction failed for a passing reason (a write conflict with a concurrent
	 * transaction, an election).
	 * @throws MissingCapabilityException (as the Mono's error) where there are no
	 * transactions
	 */
	public <T> Mono<T> atomically(Supplier<Mono<T>> work) {
		if (this.operator == null) {
			return Mono.error(new MissingCapabilityException(Capability.TRANSACTIONS));
		}
		return Mono.defer(() -> this.operator.transactional(Mono.defer(work)))
			.retryWhen(Retry.backoff(ATTEMPTS, Duration.ofMillis(10))
				.maxBackoff(Duration.ofMillis(500))
				.filter((failure) -> labelled(failure, MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)));
	}

	static boolean labelled(Throwable failure, String label) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof MongoException mongo && mongo.hasErrorLabel(label)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Spring's manager with {@link #OPTIONS}, committing again while the result is
	 * unknown.
	 */
	static final class CommitRetrying extends ReactiveMongoTransactionManager {

		CommitRetrying(ReactiveMongoDatabaseFactory databases) {
			super(databases, OPTIONS);
		}

		@Override
		protected Mono<Void> doCommit(TransactionSynchronizationManager synchronizationManager,
				ReactiveMongoTransactionObject transaction) {
			return Mono.defer(transaction::commitTransaction)
				.retryWhen(Retry.backoff(ATTEMPTS, Duration.ofMillis(10))
					.maxBackoff(Duration.ofMillis(500))
					.filter((failure) -> labelled(failure, MongoException.UNKNOWN_TRANSACTION_COMMIT_RESULT_LABEL)));
		}

	}

}
