/**
 * The wallet: balances admins adjust, transfers between users and orders paid from the
 * balance, each in one multi-document transaction with its ledger entries, and the reads
 * of transfers and of an account's ledger.
 */
package io.shopstream.wallet;
