package dev.rootguard.store.redis;

import dev.rootguard.testkit.process.FidoCrossProcessContract;
import dev.rootguard.testkit.process.SharedStoresFactory;
import dev.rootguard.testsupport.RedisServer;
import java.util.List;
import java.util.UUID;

/**
 * Exactly-once across processes on one Redis: testkit's {@link FidoCrossProcessContract} (two JVMs
 * x 16 threads; a FIDO registration and sign-in started in one JVM finish in the other; one
 * assertion from 2 JVMs x 16 threads accepted exactly once per round, 200 rounds), under a key
 * prefix of this class's own.
 */
class RedisFidoCrossProcessTest extends FidoCrossProcessContract {
  private static final String PREFIX =
      "xproc-" + UUID.randomUUID().toString().substring(0, 8) + ":";

  @Override
  protected Class<? extends SharedStoresFactory> factory() {
    return RedisSharedStoresFactory.class;
  }

  @Override
  protected List<String> factoryArguments() {
    return List.of(RedisServer.shared().uri(), PREFIX);
  }

  @Override
  protected int rounds() {
    return 200;
  }
}
