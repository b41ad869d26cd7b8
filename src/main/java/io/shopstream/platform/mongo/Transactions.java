package io.shopstream.platform.mongo;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.mongodb.MongoException;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.TransactionOptions;
import com.mongodb.WriteConcern;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.data.mongodb.ReactiveMongoTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Multi-document transactions, where the back-end has them, with the settings MongoDB
 * requires and the retries its drivers' convenient API applies, bounded by a deadline.
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
 * (the drivers' transactions specification, as in {@code ClientSession.withTransaction}).
 * Both wait a jittered, growing backoff between attempts and stop at the deadline
 * ({@code shopstream.transactions.deadline}, 5 s by default) with a 503
 * ({@link TransactionRetries}).</li>
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

	private final TransactionalOperator operator;

	private final TransactionRetries retries;

	@Autowired
	public Transactions(ReactiveMongoDatabaseFactory databases, Capabilities capabilities,
			TransactionProperties properties) {
		this(capabilities.has(Capability.TRANSACTIONS)
				? TransactionalOperator.create(new CommitRetrying(databases, new TransactionRetries(properties)))
				: null, properties);
	}

	Transactions(TransactionalOperator operator, TransactionProperties properties) {
		this.operator = operator;
		this.retries = new TransactionRetries(properties);
	}

	/** Whether the back-end runs multi-document transactions. */
	public boolean available() {
		return this.operator != null;
	}

	/**
	 * Runs the work in one transaction, again from the start while MongoDB says the
	 * transaction failed for a passing reason (a write conflict with a concurrent
	 * transaction, an election), until the deadline.
	 * @throws MissingCapabilityException (as the Mono's error) where there are no
	 * transactions
	 * @throws io.shopstream.platform.web.ServiceUnavailableException (as the Mono's
	 * error) when the deadline passes first
	 */
	public <T> Mono<T> atomically(Supplier<Mono<T>> work) {
		if (this.operator == null) {
			return Mono.error(new MissingCapabilityException(Capability.TRANSACTIONS));
		}
		return Mono.defer(() -> {
			Deadline deadline = new Deadline(this.retries.deadlineFromNow());
			return Mono.defer(() -> this.operator.transactional(Mono.defer(work)))
				.retryWhen(this.retries.whileLabelled(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL, deadline.at()))
				.contextWrite((context) -> context.put(Deadline.class, deadline));
		});
	}

	/**
	 * Commits again while the commit's result is unknown, until the deadline of the
	 * transaction it ends (from the subscriber context), or one deadline from now when
	 * there is none.
	 */
	static Mono<Void> committing(Mono<Void> commit, TransactionRetries retries) {
		return Mono.deferContextual((context) -> {
			long deadline = context.<Deadline>getOrEmpty(Deadline.class)
				.map(Deadline::at)
				.orElseGet(retries::deadlineFromNow);
			return commit
				.retryWhen(retries.whileLabelled(MongoException.UNKNOWN_TRANSACTION_COMMIT_RESULT_LABEL, deadline));
		});
	}

	/**
	 * When one transaction's retries, and its commit's, must stop, in the parallel
	 * scheduler's milliseconds.
	 */
	record Deadline(long at) {
	}

	/**
	 * Spring's manager with {@link #OPTIONS}, committing again while the result is
	 * unknown.
	 */
	static final class CommitRetrying extends ReactiveMongoTransactionManager {

		private final TransactionRetries retries;

		CommitRetrying(ReactiveMongoDatabaseFactory databases, TransactionRetries retries) {
			super(databases, OPTIONS);
			this.retries = retries;
		}

		@Override
		protected Mono<Void> doCommit(TransactionSynchronizationManager synchronizationManager,
				ReactiveMongoTransactionObject transaction) {
			return committing(Mono.defer(transaction::commitTransaction), this.retries);
		}

	}

}
