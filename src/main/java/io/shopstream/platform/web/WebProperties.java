package io.shopstream.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a request may send.
 *
 * @param maxBodySize largest request body read into memory; larger ones get 413
 * @param maxJsonDepth deepest nesting of objects and arrays accepted in a JSON body
 */
@ConfigurationProperties("shopstream.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("32") int maxJsonDepth) {
}
