package io.shopstream.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * BlockHound's set-up for Shopstream's tests: every blocking call on a non-blocking
 * thread is printed with its stack before it fails, so that one swallowed by a library
 * still shows up.
 */
public class ShopstreamBlockHound implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		// The MongoDB driver guards small pieces of shared state (a connection's read
		// state, the cluster clock) with locks held for a few instructions; under
		// contention it parks for as long, which is not I/O.
		for (String method : new String[] { "checkedWithLock", "checkedWithInterruptibleLock", "lockInterruptibly" }) {
			builder.allowBlockingCallsInside("com.mongodb.internal.Locks", method);
		}
		// The driver names a new server session with UUID.randomUUID(), which reads
		// /dev/urandom; that device never blocks, and the driver does it off the request
		// path.
		builder.allowBlockingCallsInside("com.mongodb.internal.session.ServerSessionPool",
				"createNewServerSessionIdentifier");
		// Jackson builds a type's (de)serializer once, under a lock; requests arriving
		// together for a type not yet seen wait for the first one to finish building it.
		builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
				"_createAndCacheValueDeserializer");
		builder.allowBlockingCallsInside("tools.jackson.databind.ser.SerializerCache",
				"addAndResolveNonTypedSerializer");
		// The embedded back-end stands in for a database server: a change-stream getMore
		// there waits for the next oplog write on the server's own thread, as MongoDB's
		// await does.
		builder.allowBlockingCallsInside("io.shopstream.platform.mongo.embedded.WaitingMemoryBackend", "handleGetMore");
		builder.allowBlockingCallsInside("io.shopstream.platform.mongo.embedded.OplogSignal", "advance");
		// Netty's adaptive buffer allocator takes a short lock when many threads allocate
		// at once.
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
				"tryExpandMagazines");
		builder.blockingMethodCallback((method) -> {
			BlockingOperationError error = new BlockingOperationError(method);
			System.err.println("[blockhound] blocking call on " + Thread.currentThread().getName());
			error.printStackTrace();
			throw error;
		});
	}

}
