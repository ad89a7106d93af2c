package dev.rootguard.mfa.totp;

import java.math.BigInteger;

/**
 * An RFC 4648 §6 Base32 encoder for tests, written apart from the code under test: it reads the
 * input as one big number, five bits at a time from the top, so that tests can make secrets of a
 * chosen length without {@link OtpSecret#revealBase32()}.
 */
final class TestBase32 {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private TestBase32() {}

  /** Encodes without padding, upper case. */
  static String encode(byte[] data) {
    int bits = data.length * 8;
    int symbols = (bits + 4) / 5;
    // Shift left so the bit count is a multiple of 5 (RFC 4648: pad the last group with zeros).
    BigInteger n = new BigInteger(1, data).shiftLeft(symbols * 5 - bits);
    StringBuilder b = new StringBuilder(symbols);
    for (int i = symbols - 1; i >= 0; i--) {
      b.append(ALPHABET.charAt(n.shiftRight(i * 5).intValue() & 31));
    }
    return b.toString();
  }

  /** Encodes with '=' padding to a multiple of 8 characters. */
  static String encodePadded(byte[] data) {
    StringBuilder b = new StringBuilder(encode(data));
    while (b.length() % 8 != 0) {
      b.append('=');
    }
    return b.toString();
  }
}
