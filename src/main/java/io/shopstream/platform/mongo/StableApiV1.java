package io.shopstream.platform.mongo;

import java.util.Locale;
import java.util.Set;

/**
 * What MongoDB 7.0 accepts from a client that declares Stable API version 1 with
 * {@code apiStrict: true}: the commands of API V1 (the manual's "Stable API Changelog";
 * in mongod each is a command whose {@code apiVersions()} is {@code kApiVersions1}, under
 * {@code src/mongo/db/commands}), and no text index, which strict mode refuses to create
 * ({@code src/mongo/db/index/index_key_validate.cpp}) or to plan a query with
 * ({@code jstests/core/query/api/api_version_unstable_indexes.js}). The embedded back-end
 * enforces these rules as a real server does, and the build checks every command
 * Shopstream sends against them.
 */
public final class StableApiV1 {

	/** MongoDB's code for a command or option strict mode refuses. */
	public static final int API_STRICT_ERROR = 323;

	/** The commands of API V1 in MongoDB 7.0, lower-cased. */
	private static final Set<String> COMMANDS = Set.of("aborttransaction", "aggregate", "authenticate", "collmod",
			"committransaction", "count", "create", "createindexes", "delete", "drop", "dropdatabase", "dropindexes",
			"endsessions", "explain", "find", "findandmodify", "getmore", "hello", "insert", "killcursors",
			"listcollections", "listdatabases", "listindexes", "ping", "refreshsessions", "update");

	private StableApiV1() {
	}

	/** Whether the command (by its name, any case) is in API V1. */
	public static boolean includes(String command) {
		return COMMANDS.contains(command.toLowerCase(Locale.ROOT));
	}

	/** The server's message for a command outside API V1 sent in strict mode. */
	public static String notInV1(String command) {
		return "Provided apiStrict:true, but the command " + command + " is not in API Version 1";
	}

}
