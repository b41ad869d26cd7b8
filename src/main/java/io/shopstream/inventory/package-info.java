/**
 * Stock per sku: quantity, reserved and available, changed only by single conditional
 * atomic updates, so stock never goes negative and is never oversold.
 */
package io.shopstream.inventory;
