/**
 * Registration, login and logout: opaque session tokens (only their SHA-256 is stored, with a
 * TTL), the authenticator the platform's security asks on every request, login throttling and
 * the bootstrap admin.
 */
package io.shopstream.auth;
