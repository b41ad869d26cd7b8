/**
 * Registration, login and logout: opaque session tokens (only their SHA-256 is stored,
 * with a TTL), the authenticators the platform's security asks on every request
 * (sessions, and the accounts behind JWTs when an issuer is configured), login throttling
 * and the bootstrap admin.
 */
package io.shopstream.auth;
