package dev.rootguard.password.internal;

import java.util.Arrays;

/**
 * One piece of a password under analysis (at most {@link StrengthEstimator#WINDOW} chars, or one
 * repeated unit): the chars as typed, their case-folded form and the counts the matchers share. The
 * chars belong to the caller, who wipes them; {@link #wipe()} clears the folded copy. Not
 * thread-safe: confined to one estimate.
 */
final class Piece {
  /** The chars as typed ({@code w[0, n)}). */
  final char[] w;

  /** The case-folded chars. */
  final char[] lw;

  /** The length. */
  final int n;

  /** Number of ASCII upper / lower case letters before each position. */
  final int[] upperBefore;

  final int[] lowerBefore;

  /** Number of chars found on a numeric keypad (digits and {@code / * - + . =}). */
  final int keypadChars;

  /** Number of ASCII digits. */
  final int digits;

  Piece(char[] chars, int n) {
    this.w = chars;
    this.n = n;
    this.lw = new char[n];
    this.upperBefore = new int[n + 1];
    this.lowerBefore = new int[n + 1];
    int keypad = 0;
    int digitCount = 0;
    for (int k = 0; k < n; k++) {
      char c = chars[k];
      lw[k] = CaseFold.foldedCharAt(chars, n, k);
      upperBefore[k + 1] = upperBefore[k] + (c >= 'A' && c <= 'Z' ? 1 : 0);
      lowerBefore[k + 1] = lowerBefore[k] + (c >= 'a' && c <= 'z' ? 1 : 0);
      if (c >= '0' && c <= '9') {
        keypad++;
        digitCount++;
      } else if (c == '/' || c == '*' || c == '-' || c == '+' || c == '.' || c == '=') {
        keypad++;
      }
    }
    this.keypadChars = keypad;
    this.digits = digitCount;
  }

  /** Clears the folded copy of the chars. */
  void wipe() {
    Arrays.fill(lw, '\0');
  }
}
