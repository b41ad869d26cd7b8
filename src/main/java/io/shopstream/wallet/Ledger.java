package io.shopstream.wallet;

import java.math.BigDecimal;
import java.time.Instant;

import io.shopstream.platform.web.paging.Keyset;
import io.shopstream.platform.web.paging.KeysetPager;
import io.shopstream.platform.web.paging.Page;
import io.shopstream.platform.web.paging.PageRequest;
import org.bson.types.ObjectId;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/** Writes ledger entries and reads an account's ledger, newest first. */
@Component
class Ledger {

	private static final Keyset NEWEST_FIRST = Keyset.by("created_at", Sort.Direction.DESC);

	private final ReactiveMongoTemplate template;

	private final KeysetPager pager;

	private final Amounts amounts;

	Ledger(ReactiveMongoTemplate template, KeysetPager pager, Amounts amounts) {
		this.template = template;
		this.pager = pager;
		this.amounts = amounts;
	}

	/** Records one balance change, in the caller's transaction. */
	Mono<LedgerEntry> record(Change change, BigDecimal balance, Instant at) {
		LedgerEntry entry = new LedgerEntry(new ObjectId().toHexString(), change.user().toHexString(), change.type(),
				change.amount(), balance, this.amounts.currency(), change.transferId(), change.counterparty(),
				change.orderId(), change.reason(), change.by(), at);
		return this.template.insert(entry);
	}

	Mono<Page<LedgerEntry>> page(ObjectId user, PageRequest page) {
		return this.pager.page(Criteria.where("user_id").is(user), NEWEST_FIRST, page, LedgerEntry.class);
	}

	/**
	 * What a ledger entry says besides the balance it left and when.
	 *
	 * @param amount signed: negative for a debit
	 */
	record Change(ObjectId user, LedgerType type, BigDecimal amount, String transferId, String counterparty,
			String orderId, String reason, String by) {

		static Change adjustment(ObjectId user, BigDecimal amount, String reason, String admin) {
			return new Change(user, LedgerType.adjustment, amount, null, null, null, reason, admin);
		}

		static Change transfer(ObjectId user, BigDecimal amount, Transfer transfer, String counterparty) {
			return new Change(user, LedgerType.transfer, amount, transfer.id(), counterparty, null, null,
					transfer.by());
		}

		static Change order(ObjectId user, LedgerType type, BigDecimal amount, ObjectId order, String by) {
			return new Change(user, type, amount, null, null, order.toHexString(), null, by);
		}

	}

}
