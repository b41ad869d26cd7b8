package io.shopstream.wallet;

/** Why a balance changed, written exactly as stored and sent. */
public enum LedgerType {

	/** An admin credited or debited the account. */
	adjustment,

	/** Money sent to or received from another user. */
	transfer,

	/** An order paid from the balance. */
	purchase,

	/** An order paid from the balance was cancelled and its total given back. */
	refund

}
