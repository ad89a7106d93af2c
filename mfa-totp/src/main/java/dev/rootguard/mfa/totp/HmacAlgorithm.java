package dev.rootguard.mfa.totp;

import dev.rootguard.InvalidInputException;
import java.util.Locale;
import java.util.Objects;

/**
 * The HMAC hash functions that RFC 4226 HOTP and RFC 6238 TOTP codes may use. SHA-1 is what almost
 * every authenticator app and AWS virtual MFA device use; SHA-256 and SHA-512 are the RFC 6238
 * alternatives.
 *
 * <pre>{@code
 * HmacAlgorithm alg = HmacAlgorithm.fromName("sha256");   // also "SHA-256", "HmacSHA256"
 * OtpSecret secret = OtpSecret.generate(alg);           // 32 random bytes
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6238#section-1.2">RFC 6238 §1.2</a>
 * @since 0.1.0
 */
public enum HmacAlgorithm {
  /** HMAC-SHA-1: 20-byte MAC, 64-byte block; the RFC 4226 default. */
  SHA1("SHA1", "HmacSHA1", 20, 64),
  /** HMAC-SHA-256: 32-byte MAC, 64-byte block. */
  SHA256("SHA256", "HmacSHA256", 32, 64),
  /** HMAC-SHA-512: 64-byte MAC, 128-byte block. */
  SHA512("SHA512", "HmacSHA512", 64, 128);

  private final String uriName;
  private final String jcaName;
  private final int macLength;
  private final int blockLength;

  HmacAlgorithm(String uriName, String jcaName, int macLength, int blockLength) {
    this.uriName = uriName;
    this.jcaName = jcaName;
    this.macLength = macLength;
    this.blockLength = blockLength;
  }

  /**
   * Returns the name used in otpauth URIs and by {@code oathtool}: {@code SHA1}, {@code SHA256} or
   * {@code SHA512}.
   *
   * @return the URI name
   */
  public String uriName() {
    return uriName;
  }

  /**
   * Returns the JCA {@code Mac} algorithm name, e.g. {@code HmacSHA1}.
   *
   * @return the JCA name
   */
  public String jcaName() {
    return jcaName;
  }

  /**
   * Returns the MAC length in bytes (20, 32 or 64), which is also the secret length {@link
   * OtpSecret#generate(HmacAlgorithm)} uses, as RFC 6238 Appendix B does.
   *
   * @return the MAC length in bytes
   */
  public int macLength() {
    return macLength;
  }

  /**
   * Returns the hash function's block length in bytes (64 or 128).
   *
   * @return the block length in bytes
   */
  public int blockLength() {
    return blockLength;
  }

  /**
   * Returns the algorithm with this name, ignoring case and an optional {@code Hmac} prefix or
   * dash: {@code SHA1}, {@code sha-256}, {@code HmacSHA512} are accepted.
   *
   * @param name the name, as found in an otpauth URI or on a command line
   * @return the algorithm
   * @throws InvalidInputException naming the field {@code algorithm} if the name is not one of the
   *     three
   */
  public static HmacAlgorithm fromName(String name) {
    Objects.requireNonNull(name, "name");
    String n = name.strip().toUpperCase(Locale.ROOT).replace("-", "");
    if (n.startsWith("HMAC")) {
      n = n.substring(4);
    }
    for (HmacAlgorithm a : values()) {
      if (a.uriName.equals(n)) {
        return a;
      }
    }
    String shown = name.length() > 20 ? name.substring(0, 20) + "..." : name;
    throw new InvalidInputException(
        "algorithm", "must be SHA1, SHA256 or SHA512, was '" + printable(shown) + "'");
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7f ? (int) '?' : c));
    return b.toString();
  }
}
