package io.shopstream.wallet;

import java.math.BigDecimal;
import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;

/**
 * One change of one user's balance in the {@code ledger} collection, and its API shape.
 * Written in the transaction that changed the balance, with the balance it left, so an
 * account's entries add up to its balance and each follows from the one before.
 *
 * @param amount signed: a credit is positive, a debit negative
 * @param balance the balance right after this change
 * @param transferId the transfer both sides' entries refer to ({@code transfer} only)
 * @param counterparty the other user of a transfer
 * @param orderId the order paid or refunded ({@code purchase} and {@code refund})
 * @param reason why an admin adjusted the balance ({@code adjustment} only)
 * @param by who made the change: the sender, the admin, the buyer or canceller
 */
@Document(LedgerSchema.COLLECTION)
public record LedgerEntry(@Id String id, @Field(targetType = FieldType.OBJECT_ID) String userId, LedgerType type,
		BigDecimal amount, BigDecimal balance, String currency,
		@Field(targetType = FieldType.OBJECT_ID) String transferId,
		@Field(targetType = FieldType.OBJECT_ID) String counterparty,
		@Field(targetType = FieldType.OBJECT_ID) String orderId, String reason,
		@Field(targetType = FieldType.OBJECT_ID) String by, Instant createdAt) {
}
