package io.shopstream.wallet;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;

/**
 * A transfer between two users in the {@code transactions} collection (the playbook's
 * record: from, to, amount, timestamp, {@code type: transfer}), and its API shape.
 * Written in the same transaction as the two balance changes, whose ledger entries carry
 * its id.
 *
 * @param idempotencyKey the sender's {@code Idempotency-Key}, unique per sender
 * @param fingerprint what the request asked for (sender, recipient, amount, note), so a
 * replay of the key with another request is told apart; never sent
 * @param by who made it: the sender, or an admin moving the sender's money
 */
@Document(TransferSchema.COLLECTION)
public record Transfer(@Id String id, String type, @Field(targetType = FieldType.OBJECT_ID) String from,
		@Field(targetType = FieldType.OBJECT_ID) String to, BigDecimal amount, String currency, String note,
		String status, String idempotencyKey, @JsonIgnore String fingerprint,
		@Field(targetType = FieldType.OBJECT_ID) String by, Instant timestamp) {

	/** The one kind of record Shopstream writes to {@code transactions}. */
	static final String TYPE = "transfer";

	/** A transfer is recorded only once both balances changed. */
	static final String COMPLETED = "completed";

}
