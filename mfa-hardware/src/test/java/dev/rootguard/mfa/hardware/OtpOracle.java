package dev.rootguard.mfa.hardware;

import dev.rootguard.mfa.totp.HmacAlgorithm;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent RFC 4226 oracle for tests: the JCA {@link Mac}, nothing from the code under test.
 */
final class OtpOracle {
  private OtpOracle() {}

  static Mac mac(byte[] seed, HmacAlgorithm algorithm) {
    String name =
        switch (algorithm) {
          case SHA1 -> "HmacSHA1";
          case SHA256 -> "HmacSHA256";
          case SHA512 -> "HmacSHA512";
        };
    try {
      Mac mac = Mac.getInstance(name);
      mac.init(new SecretKeySpec(seed, name));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** Returns HOTP(seed, counter) mod 10^6 (RFC 4226 §5.3). */
  static int value(Mac mac, long counter) {
    byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
    int o = h[h.length - 1] & 0xf;
    int bin =
        (h[o] & 0x7f) << 24 | (h[o + 1] & 0xff) << 16 | (h[o + 2] & 0xff) << 8 | (h[o + 3] & 0xff);
    return bin % 1_000_000;
  }

  static String code(Mac mac, long counter) {
    return String.format(Locale.ROOT, "%06d", value(mac, counter));
  }

  /**
   * Returns the first pair of counters {@code {a, b}}, {@code from <= a < b <= a + reach}, with the
   * same 6-digit code: no two counters in {@code [from, b)} at most {@code reach} apart share one.
   */
  static long[] firstCollision(Mac mac, long from, int reach) {
    int[] ring = new int[reach + 1];
    for (long s = from; ; s++) {
      int v = value(mac, s);
      for (int k = 1; k <= reach && s - k >= from; k++) {
        if (ring[(int) ((s - k) % ring.length)] == v) {
          return new long[] {s - k, s};
        }
      }
      ring[(int) (s % ring.length)] = v;
    }
  }
}
