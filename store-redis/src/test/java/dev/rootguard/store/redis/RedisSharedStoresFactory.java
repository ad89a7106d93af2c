package dev.rootguard.store.redis;

import dev.rootguard.testkit.process.SharedStores;
import dev.rootguard.testkit.process.SharedStoresFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Opens {@link RedisStores} for testkit's cross-process harness ({@link RedisCrossProcessTest},
 * {@link RedisFidoCrossProcessTest}): arguments {@code <redis uri> <key prefix>}, the test sealing
 * key, one shared connection per JVM. The first JVM to open writes the marker (idempotent), with a
 * clock at the Unix epoch so that its floor never refuses the harness's codes.
 */
public final class RedisSharedStoresFactory implements SharedStoresFactory {
  /** Instantiated by name in each child JVM. */
  public RedisSharedStoresFactory() {}

  @Override
  public SharedStores open(List<String> args, Map<String, String> env, Clock clock, int threads) {
    String uri = args.get(0);
    String prefix = args.get(1);
    try (RedisStores init =
        RedisStores.builder(uri, Fixtures.sealer("k1", 1))
            .prefix(prefix)
            .clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
            .build()) {
      init.init();
    }
    RedisStores s =
        RedisStores.builder(uri, Fixtures.sealer("k1", 1)).prefix(prefix).clock(clock).build();
    s.check();
    return new SharedStores(
        s.attemptLimiter(),
        s.replayGuard(),
        s.totpStates(),
        s.totpCredentials(),
        s.ceremonies(),
        s.tokens(),
        s.yubicoKeys(),
        s.securityKeys(),
        s);
  }
}
