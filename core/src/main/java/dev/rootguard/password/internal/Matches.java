package dev.rootguard.password.internal;

import java.util.Arrays;

/**
 * The matches found in one {@link Piece}, as parallel arrays (no object per match): span {@code [i,
 * j]}, kind, log10 guesses, a kind-specific datum and flags. The matchers append; the {@link
 * GuessSearch} reads. Not thread-safe: confined to one estimate.
 */
final class Matches {
  static final byte DICT = 0;
  static final byte SPATIAL = 1;
  static final byte REPEAT = 2;
  static final byte SEQUENCE = 3;
  static final byte YEAR = 4;
  static final byte DATE = 5;
  static final byte BRUTE = 6;

  /** Dictionary match flags. */
  static final int FLAG_L33T = 1;

  static final int FLAG_REVERSED = 2;

  /** Length of the piece, for zxcvbn's minimum guesses of a match shorter than it. */
  private final int n;

  int count;
  int[] mi;
  int[] mj;
  byte[] kind;
  double[] mlg;

  /** DICT: rank | source << 24; SPATIAL: turns; REPEAT: unit length; YEAR and DATE: the year. */
  int[] info;

  byte[] flags;

  Matches(int n) {
    this.n = n;
    int cap = 4 * n + 16;
    this.mi = new int[cap];
    this.mj = new int[cap];
    this.kind = new byte[cap];
    this.mlg = new double[cap];
    this.info = new int[cap];
    this.flags = new byte[cap];
  }

  /**
   * Appends a match of {@code [i, j]} with log10 guesses {@code lg}, raised to zxcvbn's minimum (10
   * for one char, 50 for more) unless it covers the whole piece.
   */
  int add(int i, int j, byte k, double lg, int inf, int fl) {
    if (count == mi.length) {
      int cap = count * 2;
      mi = Arrays.copyOf(mi, cap);
      mj = Arrays.copyOf(mj, cap);
      kind = Arrays.copyOf(kind, cap);
      mlg = Arrays.copyOf(mlg, cap);
      info = Arrays.copyOf(info, cap);
      flags = Arrays.copyOf(flags, cap);
    }
    int len = j - i + 1;
    double min = len < n ? (len == 1 ? GuessMath.LOG_10 : GuessMath.LOG_50) : 0;
    mi[count] = i;
    mj[count] = j;
    kind[count] = k;
    mlg[count] = Math.max(lg, min);
    info[count] = inf;
    flags[count] = (byte) fl;
    return count++;
  }

  /** Moves match {@code from} to index {@code to} (for dropping matches in place). */
  void copy(int from, int to) {
    mi[to] = mi[from];
    mj[to] = mj[from];
    kind[to] = kind[from];
    mlg[to] = mlg[from];
    info[to] = info[from];
    flags[to] = flags[from];
  }
}
