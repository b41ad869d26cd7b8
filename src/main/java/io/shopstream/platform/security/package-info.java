/** Password hashing now; authentication and authorization as they arrive. */
package io.shopstream.platform.security;
