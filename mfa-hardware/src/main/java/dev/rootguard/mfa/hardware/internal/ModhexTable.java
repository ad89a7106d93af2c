package dev.rootguard.mfa.hardware.internal;

/**
 * Table-driven modhex decoding for the Yubico OTP hot path. YubiKit's {@code
 * com.yubico.yubikit.core.otp.Modhex} (used everywhere else) boxes every character into a map
 * lookup, which alone costs more than the AES decryption; this decoder gives the same bytes (a
 * property test checks it against YubiKit on random input) without allocation beyond the result.
 * Not API. Thread-safe (stateless).
 */
public final class ModhexTable {
  private static final byte[] VALUE = new byte[128];

  static {
    java.util.Arrays.fill(VALUE, (byte) -1);
    String alphabet = "cbdefghijklnrtuv";
    for (int i = 0; i < 16; i++) {
      VALUE[alphabet.charAt(i)] = (byte) i;
      VALUE[Character.toUpperCase(alphabet.charAt(i))] = (byte) i;
    }
  }

  private ModhexTable() {}

  /**
   * Returns whether {@code s[from, to)} is modhex (either case).
   *
   * @param s the text
   * @param from the first index
   * @param to the end index
   * @return true if every character is a modhex digit
   */
  public static boolean isModhex(CharSequence s, int from, int to) {
    int bad = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      bad |= c >= 128 ? 1 : VALUE[c] >>> 31;
    }
    return bad == 0;
  }

  /**
   * Decodes {@code s[from, to)}, which must be modhex of even length (check with {@link
   * #isModhex}).
   *
   * @param s the text
   * @param from the first index
   * @param to the end index
   * @return the bytes
   */
  public static byte[] decode(CharSequence s, int from, int to) {
    byte[] out = new byte[(to - from) / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (VALUE[s.charAt(from + 2 * i)] << 4 | VALUE[s.charAt(from + 2 * i + 1)]);
    }
    return out;
  }
}
