package dev.rootguard.store.redis;

import dev.rootguard.testkit.process.OtpCrossProcessContract;
import dev.rootguard.testkit.process.SharedStoresFactory;
import dev.rootguard.testsupport.RedisServer;
import java.util.List;
import java.util.UUID;

/**
 * Exactly-once across processes on one Redis: testkit's {@link OtpCrossProcessContract} (two JVMs x
 * 16 threads; the same TOTP, HOTP and Yubico OTP code each round, 200 rounds; one lockout across
 * both), under a key prefix of this class's own.
 */
class RedisCrossProcessTest extends OtpCrossProcessContract {
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
