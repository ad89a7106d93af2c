package dev.rootguard.mfa.totp;

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

  /** Returns a JCA MAC keyed with {@code seed} ({@code HmacSHA1}, {@code HmacSHA256}, ...). */
  static Mac mac(byte[] seed, String jcaName) {
    try {
      Mac mac = Mac.getInstance(jcaName);
      mac.init(new SecretKeySpec(seed, jcaName));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** Returns HOTP(seed, counter) as a number below 10^digits (RFC 4226 §5.3). */
  static int value(Mac mac, int digits, long counter) {
    byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
    int o = h[h.length - 1] & 0xf;
    int bin =
        (h[o] & 0x7f) << 24 | (h[o + 1] & 0xff) << 16 | (h[o + 2] & 0xff) << 8 | (h[o + 3] & 0xff);
    return bin % (int) Math.pow(10, digits);
  }

  /** Returns HOTP(seed, counter) as a zero-padded string. */
  static String code(byte[] seed, String jcaName, int digits, long counter) {
    return format(value(mac(seed, jcaName), digits, counter), digits);
  }

  static String format(int value, int digits) {
    return String.format(Locale.ROOT, "%0" + digits + "d", value);
  }

  /** Returns the JCA name of an algorithm. */
  static String jcaName(HmacAlgorithm a) {
    return switch (a) {
      case SHA1 -> "HmacSHA1";
      case SHA256 -> "HmacSHA256";
      case SHA512 -> "HmacSHA512";
    };
  }
}
