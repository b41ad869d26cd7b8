package io.shopstream.wallet;

import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.shopstream.platform.security.Caller;
import io.shopstream.platform.security.Callers;
import io.shopstream.platform.web.Ids;
import io.shopstream.platform.web.InvalidRequestException;
import io.shopstream.platform.web.NotFoundException;
import io.shopstream.platform.web.QueryParams;
import io.shopstream.platform.web.RequestBodies;
import io.shopstream.platform.web.Responses;
import io.shopstream.platform.web.paging.ListResponses;
import io.shopstream.platform.web.paging.PageRequest;
import io.shopstream.wallet.TransferService.Receipt;
import io.shopstream.wallet.TransferService.Request;
import org.bson.types.ObjectId;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * HTTP for transfers, balance adjustments and ledgers: checks who asks and what, in the
 * same order on every back-end (authentication, then the body and headers, then the
 * back-end's capability), so a bad request is a 400 wherever it is sent.
 */
@Component
class WalletHandler {

	/** The header a transfer must carry. */
	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** Set on the answer to a transfer already made under the same key. */
	static final String REPLAYED = "Idempotent-Replayed";

	/** Printable ASCII without spaces, as UUIDs and most clients' keys are. */
	private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

	private static final Set<String> LIST_PARAMETERS = Set.of("user", "limit", "after");

	private static final Set<String> PAGE_PARAMETERS = Set.of("limit", "after");

	private final TransferService transfers;

	private final Wallet wallet;

	private final Amounts amounts;

	private final RequestBodies bodies;

	WalletHandler(TransferService transfers, Wallet wallet, Amounts amounts, RequestBodies bodies) {
		this.transfers = transfers;
		this.wallet = wallet;
		this.amounts = amounts;
		this.bodies = bodies;
	}

	Mono<ServerResponse> transfer(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		return Callers.of(request)
			.flatMap((caller) -> this.bodies.read(request, NewTransfer.class)
				.map((body) -> checked(caller, body, request.headers().firstHeader(IDEMPOTENCY_KEY)))
				.flatMap((checked) -> this.transfers.transfer(caller, checked)))
			.flatMap(WalletHandler::created);
	}

	private Request checked(Caller caller, NewTransfer body, String key) {
		ObjectId to = Ids.parse("to", body.to());
		ObjectId from = (body.from() != null) ? Ids.parse("from", body.from()) : new ObjectId(caller.userId());
		if (!caller.isAdmin() && !from.toHexString().equals(caller.userId())) {
			throw new AccessDeniedException("only admins move another user's money");
		}
		Request checked = new Request(from, to, this.amounts.positive("amount", body.amount()), body.note(),
				idempotencyKey(key));
		if (from.equals(to)) {
			throw InvalidRequestException.forField("to", "must be another user than the sender");
		}
		return checked;
	}

	private static String idempotencyKey(String key) {
		if (key == null) {
			throw InvalidRequestException.forField(IDEMPOTENCY_KEY,
					"is required: a unique value per transfer (a UUID, say), sent again when retrying it");
		}
		if (!KEY.matcher(key).matches()) {
			throw InvalidRequestException.forField(IDEMPOTENCY_KEY,
					"must be 1 to 255 printable ASCII characters without spaces");
		}
		return key;
	}

	private static Mono<ServerResponse> created(Receipt receipt) {
		return ServerResponse.created(URI.create("/api/v1/transfers/" + receipt.transfer().id()))
			.header(REPLAYED, Boolean.toString(receipt.replayed()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(receipt.transfer());
	}

	Mono<ServerResponse> listTransfers(ServerRequest request) {
		QueryParams.allowOnly(request, LIST_PARAMETERS);
		Optional<ObjectId> named = request.queryParam("user").map((user) -> Ids.parse("user", user));
		PageRequest page = PageRequest.from(request);
		return Callers.of(request).flatMap((caller) -> {
			if (!caller.isAdmin() && named.isPresent() && !named.get().toHexString().equals(caller.userId())) {
				throw new AccessDeniedException("only admins list other users' transfers");
			}
			Optional<ObjectId> user = caller.isAdmin() ? named : Optional.of(new ObjectId(caller.userId()));
			return this.transfers.list(user, page);
		}).flatMap((transfers) -> ListResponses.write(request, transfers, Transfer.class));
	}

	Mono<ServerResponse> getTransfer(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		ObjectId id = Ids.parse("id", request.pathVariable("id"));
		return Callers.of(request).flatMap((caller) -> this.transfers.get(caller, id)).flatMap(Responses::ok);
	}

	Mono<ServerResponse> adjust(ServerRequest request) {
		QueryParams.allowOnly(request, Set.of());
		ObjectId user = Ids.parse("id", request.pathVariable("id"));
		return Callers.of(request)
			.flatMap((admin) -> this.bodies.read(request, NewAdjustment.class)
				.flatMap((body) -> this.wallet.adjust(admin, user, this.amounts.nonZero("amount", body.amount()),
						body.reason())))
			.flatMap((entry) -> Responses.created("/api/v1/users/" + user.toHexString() + "/ledger", entry));
	}

	Mono<ServerResponse> ledger(ServerRequest request) {
		QueryParams.allowOnly(request, PAGE_PARAMETERS);
		ObjectId user = Ids.parse("id", request.pathVariable("id"));
		PageRequest page = PageRequest.from(request);
		return Callers.of(request)
			.filter((caller) -> caller.mayActFor(user.toHexString()))
			.switchIfEmpty(Mono.error(() -> new NotFoundException("No user with id " + user.toHexString())))
			.flatMap((caller) -> this.wallet.ledger(user, page))
			.flatMap((entries) -> ListResponses.write(request, entries, LedgerEntry.class));
	}

}
