package io.shopstream.platform.mongo;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * A request needs a capability the connected back-end lacks: 501, naming the capability
 * and the remedy (the {@code capability} and {@code remedy} properties), so nothing
 * silently degrades.
 */
public class MissingCapabilityException extends RuntimeException implements ErrorResponse {

	private static final URI TYPE = URI.create("https://shopstream.io/problems/missing-capability");

	private final Capability capability;

	private final ProblemDetail body;

	public MissingCapabilityException(Capability capability) {
		super("The connected MongoDB back-end lacks " + capability.description());
		this.capability = capability;
		this.body = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_IMPLEMENTED, getMessage());
		this.body.setType(TYPE);
		this.body.setTitle("Not implemented by this back-end");
		this.body.setProperty("capability", capability.key());
		this.body.setProperty("remedy", capability.remedy());
	}

	public Capability capability() {
		return this.capability;
	}

	@Override
	public HttpStatusCode getStatusCode() {
		return HttpStatus.NOT_IMPLEMENTED;
	}

	@Override
	public ProblemDetail getBody() {
		return this.body;
	}

}
