package io.shopstream.support;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * {@link RealMongoAvailable} for jqwik's properties, which JUnit Jupiter's execution
 * conditions do not reach: the same rule, the same one line where the real suite is
 * skipped, and the same failure where it is required. On a container it skips the
 * container's own set-up too.
 */
public class RealMongoAvailableHook implements SkipExecutionHook {

	@Override
	public SkipResult shouldBeSkipped(LifecycleContext context) {
		String reason = RealMongoAvailable.reasonToSkip();
		return (reason != null) ? SkipResult.skip(reason) : SkipResult.doNotSkip();
	}

}
