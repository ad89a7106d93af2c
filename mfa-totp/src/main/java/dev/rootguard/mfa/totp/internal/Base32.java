package dev.rootguard.mfa.totp.internal;

import dev.rootguard.InvalidInputException;
import java.util.Arrays;

/**
 * RFC 4648 §6 Base32, as used for TOTP secrets. Decoding is lenient exactly where real
 * authenticator apps and services differ (lower case, missing {@code =} padding, spaces and hyphens
 * between groups, non-zero unused bits in the last character, as {@code oathtool} allows) and
 * strict everywhere else: any other character, a length no byte string encodes to, or misplaced
 * padding is refused.
 *
 * <p>Error messages name the field and the position, never the value. Stateless and thread-safe.
 */
public final class Base32 {
  private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final byte[] DECODE = new byte[128];

  static {
    Arrays.fill(DECODE, (byte) -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      DECODE[ALPHABET[i]] = (byte) i;
      DECODE[Character.toLowerCase(ALPHABET[i])] = (byte) i;
    }
  }

  private Base32() {}

  /**
   * Encodes bytes, upper case.
   *
   * @param data the bytes
   * @param padding whether to append {@code =} up to a multiple of 8 characters
   * @return the encoding
   */
  public static String encode(byte[] data, boolean padding) {
    char[] out = new char[(data.length * 8 + 4) / 5 + 7];
    int n = 0;
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out[n++] = ALPHABET[(buffer >>> (bits - 5)) & 31];
        bits -= 5;
      }
    }
    if (bits > 0) {
      out[n++] = ALPHABET[(buffer << (5 - bits)) & 31];
    }
    if (padding) {
      while (n % 8 != 0) {
        out[n++] = '=';
      }
    }
    String s = new String(out, 0, n);
    Arrays.fill(out, '\0');
    return s;
  }

  /**
   * Decodes Base32 text, leniently on case, padding, spaces and hyphens.
   *
   * @param field the field name to report in errors, e.g. {@code secret}
   * @param text the text
   * @return the bytes; the caller owns (and should wipe) them
   * @throws InvalidInputException naming the field if the text is not Base32
   */
  public static byte[] decode(String field, CharSequence text) {
    int len = text.length();
    int symbols = 0;
    int padding = 0;
    for (int i = 0; i < len; i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '-') {
        continue;
      }
      if (c == '=') {
        padding++;
        continue;
      }
      if (c >= 128 || DECODE[c] < 0) {
        throw new InvalidInputException(
            field,
            "character "
                + (i + 1)
                + " is not Base32 (RFC 4648: A-Z, 2-7, optional '=' padding, spaces and hyphens)");
      }
      if (padding > 0) {
        throw new InvalidInputException(
            field, "'=' padding may only appear at the end (character " + (i + 1) + ")");
      }
      symbols++;
    }
    if (symbols == 0) {
      throw new InvalidInputException(field, "must not be empty");
    }
    int rem = symbols % 8;
    if (rem == 1 || rem == 3 || rem == 6) {
      throw new InvalidInputException(
          field, "length of " + symbols + " Base32 characters does not encode whole bytes");
    }
    if (padding > 0 && (padding >= 8 || (symbols + padding) % 8 != 0)) {
      throw new InvalidInputException(field, "wrong amount of '=' padding");
    }
    byte[] out = new byte[symbols * 5 / 8];
    long buffer = 0;
    int bits = 0;
    int n = 0;
    for (int i = 0; i < len; i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '-' || c == '=') {
        continue;
      }
      buffer = (buffer << 5) | DECODE[c];
      bits += 5;
      if (bits >= 8) {
        out[n++] = (byte) (buffer >>> (bits - 8));
        bits -= 8;
      }
    }
    // Unused trailing bits are ignored, as oathtool and authenticator apps do: secrets of
    // e.g. 20 characters (12.5 bytes) are issued in the wild.
    buffer = 0;
    return out;
  }
}
