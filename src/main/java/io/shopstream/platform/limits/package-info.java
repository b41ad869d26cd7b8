/**
 * Overload protection: caps on feed connections, per-client request rates, concurrent
 * expensive work and catch-up cursors. What cannot be carried is refused at once, with
 * 429 (this client asks too much) or 503 (this instance is full; try another), and
 * counted.
 */
package io.shopstream.platform.limits;
