package dev.rootguard.mfa.totp;

import dev.rootguard.mfa.totp.internal.OtpKey;
import java.util.Objects;

/**
 * RFC 4226 HOTP code generation: {@code HOTP(K, C) = Truncate(HMAC(K, C)) mod 10^digits} with a
 * 64-bit counter. For verification use {@link HotpVerifier}.
 *
 * <pre>{@code
 * OtpSecret k = OtpSecret.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"); // "12345678901234567890"
 * String code = Hotp.code(k, HmacAlgorithm.SHA1, 6, 0);                  // "755224" (RFC 4226 Appendix D)
 * }</pre>
 *
 * <p>Stateless and thread-safe. The HMAC runs from inner and outer key states prepared once per
 * secret, without allocating.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc4226#section-5.3">RFC 4226 §5.3</a>
 * @since 0.1.0
 */
public final class Hotp {
  private Hotp() {}

  /**
   * Returns the HOTP code for a counter, zero-padded to {@code digits} characters.
   *
   * @param secret the shared secret
   * @param algorithm the HMAC hash
   * @param digits 6, 7 or 8
   * @param counter the counter; any 64-bit value (it is hashed as 8 unsigned big-endian bytes)
   * @return the code, exactly {@code digits} ASCII digits
   * @throws dev.rootguard.InvalidInputException naming {@code digits} if it is not 6, 7 or 8
   * @throws IllegalStateException if the secret was destroyed
   */
  public static String code(OtpSecret secret, HmacAlgorithm algorithm, int digits, long counter) {
    return format(value(secret, algorithm, digits, counter), digits);
  }

  /**
   * Returns the HOTP value for a counter as a number below {@code 10^digits}.
   *
   * @param secret the shared secret
   * @param algorithm the HMAC hash
   * @param digits 6, 7 or 8
   * @param counter the counter
   * @return the value
   * @throws dev.rootguard.InvalidInputException naming {@code digits} if it is not 6, 7 or 8
   * @throws IllegalStateException if the secret was destroyed
   */
  public static int value(OtpSecret secret, HmacAlgorithm algorithm, int digits, long counter) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(algorithm, "algorithm");
    OtpParameters.checkDigits(digits);
    OtpKey key = secret.key(algorithm);
    return key.code(counter, digits);
  }

  /**
   * Formats a value as exactly {@code digits} ASCII digits, zero-padded.
   *
   * @param value the value, below {@code 10^digits}
   * @param digits 6, 7 or 8
   * @return the code
   */
  static String format(int value, int digits) {
    byte[] b = new byte[digits];
    OtpKey.writeDigits(value, b);
    return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
  }
}
