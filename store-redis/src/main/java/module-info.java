/**
 * RootGuard store-redis: RootGuard state stores on Redis through Lettuce.
 *
 * @since 0.2.0
 */
module dev.rootguard.store.redis {
  requires transitive dev.rootguard.core;
  requires transitive dev.rootguard.mfa.totp;
  requires transitive dev.rootguard.mfa.hardware;
  requires transitive dev.rootguard.mfa.u2f;
  requires lettuce.core;
  requires org.slf4j;

  exports dev.rootguard.store.redis;
}
