package dev.rootguard.store.redis;

import dev.rootguard.seal.LocalKeySealer;
import dev.rootguard.seal.SecretSealer;
import java.nio.ByteBuffer;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shared test helpers: a sealer and an independent HOTP oracle (the clock and the racer are
 * rootguard-test-support's {@code MutableClock} and {@code Race}).
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

  /**
   * RFC 4226 HOTP computed here with the JCA, independent of the code under test.
   *
   * @param key the secret
   * @param counter the counter (or TOTP step)
   * @param digits 6..8
   * @return the code
   */
  static String hotp(byte[] key, long counter, int digits) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
      int o = h[h.length - 1] & 0xf;
      int bin =
          ((h[o] & 0x7f) << 24)
              | ((h[o + 1] & 0xff) << 16)
              | ((h[o + 2] & 0xff) << 8)
              | (h[o + 3] & 0xff);
      int mod = (int) Math.pow(10, digits);
      return String.format(Locale.ROOT, "%0" + digits + "d", bin % mod);
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
