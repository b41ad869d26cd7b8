package io.shopstream.platform.mongo;

/** A request needs a capability the connected back-end lacks; answered with 501. */
public class MissingCapabilityException extends RuntimeException {

	private final Capability capability;

	public MissingCapabilityException(Capability capability) {
		super("The connected MongoDB back-end lacks " + capability.description());
		this.capability = capability;
	}

	public Capability capability() {
		return this.capability;
	}

}
