package io.shopstream.feeds;

import java.time.Instant;

/**
 * One change, decoded once for every subscriber: its resume token, operation, time, the
 * document's id and, when there is one, the document in the API's shape. The SSE frame is
 * encoded once, when the change is decoded, and the same bytes go to every subscriber
 * allowed to see it.
 *
 * @param token the resume token's {@code _data}, sent as the SSE {@code id}
 * @param operation insert, update, replace or delete
 * @param clusterTime when the change was committed
 * @param documentId the changed document's id
 * @param view the document as the REST API shows it, or null (deletes)
 * @param frame the encoded {@code id:/event:/data:} frame
 */
record FeedEvent(String token, String operation, Instant clusterTime, String documentId, Object view, byte[] frame) {
}
