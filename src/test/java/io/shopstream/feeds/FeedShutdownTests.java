package io.shopstream.feeds;

import java.util.List;

/**
 * Shutdown with a feed open on the embedded back-end. No test context: the service under
 * test starts its own embedded back-end, which stops with it.
 */
class FeedShutdownTests extends FeedShutdownContract {

	@Override
	List<String> backEnd() {
		return List.of();
	}

}
