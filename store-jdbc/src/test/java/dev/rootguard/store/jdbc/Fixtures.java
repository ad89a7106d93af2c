package dev.rootguard.store.jdbc;

import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.seal.SecretSealer;

/**
 * Shared test helpers: a sealer (the clock and the racer are rootguard-test-support's {@code
 * MutableClock} and {@code Race}; the HOTP and Yubico OTP oracles are rootguard-testkit's {@code
 * CrossProcessFixtures}).
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
