package io.shopstream.platform.mongo;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the connected back-end can do, detected once at start-up.
 *
 * @param backend {@code embedded} or {@code mongodb}
 * @param serverVersion the server's version as it reports it
 * @param topology {@code standalone}, {@code replica_set}, {@code sharded} or
 * {@code embedded}
 * @param available the capabilities present
 */
public record Capabilities(String backend, String serverVersion, String topology, Set<Capability> available) {

	public Capabilities {
		available = available.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(available);
	}

	public boolean has(Capability capability) {
		return this.available.contains(capability);
	}

	/** Fails with a 501 problem when the capability is missing. */
	public void require(Capability capability) {
		if (!has(capability)) {
			throw new MissingCapabilityException(capability);
		}
	}

	/**
	 * The back-end and every capability, as served at /api/v1/capabilities and in
	 * /actuator/info.
	 */
	public Map<String, Object> describe() {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("backend", this.backend);
		description.put("server_version", this.serverVersion);
		description.put("topology", this.topology);
		description.put("capabilities", asMap());
		return description;
	}

	/** Every capability by its key, present or not, in declaration order. */
	public Map<String, Boolean> asMap() {
		Map<String, Boolean> map = new LinkedHashMap<>();
		for (Capability capability : Capability.values()) {
			map.put(capability.key(), has(capability));
		}
		return map;
	}

}
