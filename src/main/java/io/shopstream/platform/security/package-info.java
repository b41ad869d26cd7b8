/**
 * Authentication and authorization: who is calling (bearer token, or session cookie on
 * safe methods; optionally a JWT from a configured issuer), the access rules each feature
 * declares, security headers, CORS and password hashing.
 */
package io.shopstream.platform.security;
