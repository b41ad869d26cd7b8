package io.shopstream.support;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs the real-MongoDB suite where it can run: with
 * {@code -Dshopstream.test.mongodb-uri=...}, or where Testcontainers' own check finds a
 * Docker engine. Elsewhere the suite is skipped and the build says so once, unless
 * {@code -Dshopstream.test.require-mongodb=true} asks for it: then each of its tests
 * fails instead, so a CI that is meant to run it cannot pass without it.
 */
public class RealMongoAvailable implements ExecutionCondition {

	public static final String URI_PROPERTY = "shopstream.test.mongodb-uri";

	/** Set to {@code true} where the real suite must run: a skip becomes a failure. */
	public static final String REQUIRED_PROPERTY = "shopstream.test.require-mongodb";

	private static final AtomicBoolean reported = new AtomicBoolean();

	private static volatile Boolean docker;

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		String reason = reasonToSkip();
		if (reason != null) {
			return ConditionEvaluationResult.disabled(reason);
		}
		return ConditionEvaluationResult
			.enabled(hasExternalUri() ? "real MongoDB at -D" + URI_PROPERTY : "real MongoDB in a mongo:7.0 container");
	}

	/**
	 * Why the real suite cannot run here, or {@code null} when it can; throws where the
	 * real suite is required. Also what {@link RealMongoAvailableHook} asks for jqwik.
	 */
	static String reasonToSkip() {
		if (hasExternalUri() || dockerAvailable()) {
			return null;
		}
		String reason = "Real-MongoDB suite skipped: no Docker engine and no -D" + URI_PROPERTY + "=mongodb://...";
		if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
			throw new IllegalStateException("The real-MongoDB suite is required here (-D" + REQUIRED_PROPERTY
					+ "=true) but cannot run: no Docker engine and no -D" + URI_PROPERTY + "=mongodb://...");
		}
		if (reported.compareAndSet(false, true)) {
			System.out.println("[shopstream] " + reason);
		}
		return reason;
	}

	static boolean hasExternalUri() {
		String uri = System.getProperty(URI_PROPERTY);
		return uri != null && !uri.isBlank();
	}

	private static boolean dockerAvailable() {
		if (docker == null) {
			docker = DockerClientFactory.instance().isDockerAvailable();
		}
		return docker;
	}

}
