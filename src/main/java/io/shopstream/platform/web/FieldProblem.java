package io.shopstream.platform.web;

/**
 * One invalid part of a request.
 *
 * @param field the JSON path or parameter name, for example {@code profile.bio}
 * @param message what is wrong with it, in the client's terms
 */
public record FieldProblem(String field, String message) {
}
