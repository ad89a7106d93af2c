/**
 * RootGuard's state stores on Redis through Lettuce (standalone, Sentinel or Cluster; Amazon
 * ElastiCache and Valkey speak the same protocol). Under construction in this release.
 *
 * @since 0.2.0
 */
package dev.rootguard.store.redis;
