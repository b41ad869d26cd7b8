/**
 * Physical stores with a GeoJSON location: listed for everyone, found by distance on a
 * real MongoDB.
 */
package io.shopstream.stores;
