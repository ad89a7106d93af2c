/**
 * RootGuard's state stores on Redis: {@link dev.rootguard.store.redis.RedisStores} is the only
 * public type. See the module README for the key layout, round trips and durability.
 *
 * @since 0.2.0
 */
package dev.rootguard.store.redis;
