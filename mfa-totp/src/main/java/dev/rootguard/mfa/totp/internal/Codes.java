package dev.rootguard.mfa.totp.internal;

/**
 * Canonical form of a submitted one-time code. Stateless and thread-safe.
 *
 * <p>The single normalization step removes ASCII spaces (U+0020), which UIs insert between digit
 * groups ("123 456"). After it, the code must be exactly the expected number of ASCII digits {@code
 * '0'..'9'}: signs, tabs, other whitespace, letters and non-ASCII digits are malformed.
 */
public final class Codes {
  /** Longest submitted text even looked at. */
  public static final int MAX_INPUT_LENGTH = 64;

  private Codes() {}

  /**
   * Writes the canonical code into {@code out}.
   *
   * @param code the submitted text
   * @param out the buffer, exactly as long as the expected number of digits
   * @return false if the code is malformed (then {@code out} holds garbage)
   */
  public static boolean normalize(CharSequence code, byte[] out) {
    int len = code.length();
    if (len > MAX_INPUT_LENGTH) {
      return false;
    }
    int n = 0;
    for (int i = 0; i < len; i++) {
      char c = code.charAt(i);
      if (c == ' ') {
        continue;
      }
      if (c < '0' || c > '9' || n == out.length) {
        return false;
      }
      out[n++] = (byte) c;
    }
    return n == out.length;
  }
}
