package dev.rootguard.store.redis;

import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.seal.SecretSealer;

/**
 * The test sealer (the HOTP oracle is testkit's {@code CrossProcessFixtures.hotp}; the clock and
 * the racer are rootguard-test-support's {@code MutableClock} and {@code Race}).
 */
final class Fixtures {
  private Fixtures() {}

  static SecretSealer sealer(String keyId, int fill) {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (fill + i);
    }
    return LocalKeySealer.ofKey(keyId, key);
  }
}
