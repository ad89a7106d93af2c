package dev.rootguard.store.redis;

import dev.rootguard.mfa.StoreException;
import dev.rootguard.testkit.process.SharedStores;
import dev.rootguard.testkit.process.SharedStoresFactory;
import java.time.Clock;
import java.time.Duration;
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
    for (int attempt = 0; ; attempt++) {
      try (RedisStores init =
          RedisStores.builder(uri, Fixtures.sealer("k1", 1))
              .prefix(prefix)
              .clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
              .commandTimeout(Duration.ofSeconds(10))
              .build()) {
        init.init();
        break;
      } catch (StoreException e) {
        if (attempt >= 5) { // a loaded machine: the first connection may drop
          throw e;
        }
      }
    }
    RedisStores s =
        RedisStores.builder(uri, Fixtures.sealer("k1", 1)).prefix(prefix).clock(clock).build();
    for (int attempt = 0; ; attempt++) {
      try {
        s.check(); // connects
        break;
      } catch (StoreException e) {
        if (attempt >= 5) {
          throw e;
        }
      }
    }
    return Rig.shared(s, s);
  }
}
