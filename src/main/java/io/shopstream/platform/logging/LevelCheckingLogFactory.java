package io.shopstream.platform.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.LoggerFactory;

/**
 * Apache Commons Logging, as Spring Framework 7 and Spring Security log through it, sent
 * to SLF4J (Logback) with the level checked before the message is turned into text.
 * <p>
 * Commons Logging 1.3's own SLF4J adapter ({@code Slf4jLogFactory}) calls
 * {@code String.valueOf(message)} on every call and leaves the level check to SLF4J.
 * Spring passes its messages as {@code LogMessage}s precisely so that a disabled debug
 * line costs nothing; through that adapter each one is formatted and thrown away. Spring
 * Security's request matchers write several per request ("Trying to match using …", with
 * every matcher's description), and in the profile of {@code GET /api/v1/products/{id}}
 * under load that formatting took about 3 % of the service's CPU. The regression is
 * spring-framework issue 37266
 * (https://github.com/spring-projects/spring-framework/issues/37266), which Spring fixed
 * for its own {@code LogAccessor} only.
 * <p>
 * {@code LogFactory} takes the factory named in
 * {@code META-INF/services/org.apache.commons.logging.LogFactory} before its built-in
 * adapters, which is how this one is chosen.
 */
public final class LevelCheckingLogFactory extends LogFactory {

	private final Map<String, Log> logs = new ConcurrentHashMap<>();

	private final Map<String, Object> attributes = new ConcurrentHashMap<>();

	@Override
	public Log getInstance(Class<?> type) {
		return getInstance(type.getName());
	}

	@Override
	public Log getInstance(String name) {
		return this.logs.computeIfAbsent(name, (logger) -> new LevelCheckingLog(LoggerFactory.getLogger(logger)));
	}

	@Override
	public void release() {
		this.logs.clear();
	}

	@Override
	public Object getAttribute(String name) {
		return this.attributes.get(name);
	}

	@Override
	public String[] getAttributeNames() {
		return this.attributes.keySet().toArray(String[]::new);
	}

	@Override
	public void removeAttribute(String name) {
		this.attributes.remove(name);
	}

	@Override
	public void setAttribute(String name, Object value) {
		if (value == null) {
			this.attributes.remove(name);
		}
		else {
			this.attributes.put(name, value);
		}
	}

}
