package io.shopstream.wallet;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.shopstream.support.Accounts;
import io.shopstream.support.Accounts.Account;
import io.shopstream.support.Fixtures;
import io.shopstream.support.MongoDbApiTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wallet's invariant under concurrent load, on a real replica set: 20 accounts of 1
 * 000.00 each, 8 clients making 250 random transfers each (amounts with cents, one in ten
 * a replay of an earlier key). Afterwards the balances add up to 20 000.00 to the cent,
 * no ledger entry ever left a balance below zero, every account's entries add up to its
 * balance, every transfer has exactly its two entries, and no key moved money twice.
 */
@MongoDbApiTest
class WalletInvariantOnMongoDbTests {

	private static final int ACCOUNTS = 20;

	private static final int CLIENTS = 8;

	private static final int TRANSFERS_PER_CLIENT = 250;

	private static final BigDecimal FUNDING = new BigDecimal("1000.00");

	@Autowired
	WebTestClient anonymous;

	@Test
	void concurrent_transfers_and_replays_keep_every_cent_and_move_each_key_once() throws Exception {
		WebTestClient admin = Accounts.admin(this.anonymous);
		List<Account> accounts = new ArrayList<>();
		for (int i = 0; i < ACCOUNTS; i++) {
			Account account = Accounts.signUp(this.anonymous, "wallet");
			Wallets.adjust(admin, account.id(), FUNDING.toPlainString(), "opening balance").expectStatus().isCreated();
			accounts.add(account);
		}
		Map<String, Sent> firstAnswers = new ConcurrentHashMap<>();
		List<Sent> replays = Collections.synchronizedList(new ArrayList<>());
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		List<Future<?>> done = new ArrayList<>();
		for (int c = 0; c < CLIENTS; c++) {
			long seed = 20261208L + c;
			done.add(clients.submit(() -> makeTransfers(new Random(seed), accounts, firstAnswers, replays)));
		}
		for (Future<?> client : done) {
			client.get(10, TimeUnit.MINUTES);
		}
		clients.shutdown();

		BigDecimal total = BigDecimal.ZERO;
		for (Account account : accounts) {
			BigDecimal balance = new BigDecimal(Wallets.balance(admin, account.id()));
			assertThat(balance.signum()).as("balance of %s", account.id()).isNotNegative();
			List<Map<String, Object>> ledger = Wallets.all(admin,
					"/api/v1/users/" + account.id() + "/ledger?limit=1000");
			BigDecimal sum = ledger.stream()
				.map((entry) -> new BigDecimal((String) entry.get("amount")))
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			assertThat(sum).as("ledger of %s adds up to its balance", account.id()).isEqualByComparingTo(balance);
			assertThat(ledger).allSatisfy(
					(entry) -> assertThat(new BigDecimal((String) entry.get("balance")).signum()).isNotNegative());
			total = total.add(balance);
		}
		assertThat(total).isEqualByComparingTo(FUNDING.multiply(BigDecimal.valueOf(ACCOUNTS)));

		List<Map<String, Object>> transfers = new ArrayList<>();
		Map<String, List<Map<String, Object>>> entriesByTransfer = new HashMap<>();
		for (Account account : accounts) {
			for (Map<String, Object> transfer : Wallets.all(admin,
					"/api/v1/transfers?limit=1000&user=" + account.id())) {
				if (transfer.get("from").equals(account.id())) {
					transfers.add(transfer);
				}
			}
			for (Map<String, Object> entry : Wallets.all(admin,
					"/api/v1/users/" + account.id() + "/ledger?limit=1000")) {
				if ("transfer".equals(entry.get("type"))) {
					entriesByTransfer.computeIfAbsent((String) entry.get("transfer_id"), (id) -> new ArrayList<>())
						.add(entry);
				}
			}
		}
		Set<String> keys = new HashSet<>();
		for (Map<String, Object> transfer : transfers) {
			assertThat(keys.add(transfer.get("from") + " " + transfer.get("idempotency_key")))
				.as("key %s moved money once", transfer.get("idempotency_key"))
				.isTrue();
			List<Map<String, Object>> entries = entriesByTransfer.get(transfer.get("id"));
			assertThat(entries).as("ledger entries of transfer %s", transfer.get("id")).hasSize(2);
			BigDecimal amount = new BigDecimal((String) transfer.get("amount"));
			assertThat(entries).extracting((entry) -> new BigDecimal((String) entry.get("amount")))
				.usingComparatorForType(BigDecimal::compareTo, BigDecimal.class)
				.containsExactlyInAnyOrder(amount, amount.negate());
		}
		assertThat(entriesByTransfer.keySet()).hasSameSizeAs(transfers);
		long made = firstAnswers.values().stream().filter((sent) -> sent.status() == 201).count();
		assertThat(transfers).as("one recorded transfer per key first answered 201").hasSize((int) made);
		for (Sent replay : replays) {
			Sent first = firstAnswers.get(replay.key());
			if (first.status() == 201) {
				assertThat(replay.status()).as("a replay of a made transfer").isEqualTo(201);
				assertThat(replay.transferId()).isEqualTo(first.transferId());
			}
		}
		assertThat(made).as("most transfers went through").isGreaterThan(CLIENTS * TRANSFERS_PER_CLIENT / 2);
	}

	private static void makeTransfers(Random random, List<Account> accounts, Map<String, Sent> firstAnswers,
			List<Sent> replays) {
		List<Sent> mine = new ArrayList<>();
		for (int i = 0; i < TRANSFERS_PER_CLIENT; i++) {
			Sent sent;
			if (!mine.isEmpty() && random.nextInt(10) == 0) {
				Sent earlier = mine.get(random.nextInt(mine.size()));
				sent = send(earlier.from(), earlier.key(), earlier.body());
				replays.add(sent);
			}
			else {
				Account from = accounts.get(random.nextInt(accounts.size()));
				Account to = accounts.get(random.nextInt(accounts.size()));
				while (to == from) {
					to = accounts.get(random.nextInt(accounts.size()));
				}
				BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(30_000), 2);
				sent = send(from, Fixtures.unique("inv-"), Wallets.transferBody(to.id(), amount.toPlainString()));
				mine.add(sent);
				firstAnswers.put(sent.key(), sent);
			}
			assertThat(sent.status()).as("answer to a transfer").isIn(201, 409);
		}
	}

	private static Sent send(Account from, String key, String body) {
		EntityExchangeResult<Map<String, Object>> result = Wallets.transfer(from.client(), key, body)
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult();
		int status = result.getStatus().value();
		String id = (status == 201) ? (String) result.getResponseBody().get("id") : null;
		return new Sent(from, key, body, status, id);
	}

	private record Sent(Account from, String key, String body, int status, String transferId) {
	}

}
