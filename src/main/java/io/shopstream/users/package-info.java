/**
 * User accounts: profile, preferences, status and role, with unique email and username.
 * Deletion is soft. The password hash stays inside this package and the auth package.
 */
package io.shopstream.users;
