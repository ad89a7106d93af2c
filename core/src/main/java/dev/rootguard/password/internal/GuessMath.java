package dev.rootguard.password.internal;

/**
 * The arithmetic of the strength estimate, all in log10 of guesses: zxcvbn's constants, binomial
 * coefficients, mixed-case and rank tables, and an overflow-free log-sum. Tables are built once;
 * stateless and thread-safe. Example: {@code GuessMath.logAdd(3, 3)} is {@code log10(2000)}.
 */
final class GuessMath {
  private GuessMath() {}

  static final double LOG_10 = 1.0;
  static final double LOG_11 = Math.log10(11);
  static final double LOG_50 = Math.log10(50);
  static final double LOG_2 = Math.log10(2);

  /** Fewest years between a year and the reference year that zxcvbn counts. */
  static final double MIN_YEAR_SPACE = 20;

  /** log10 thresholds between scores 0|1, 1|2, 2|3, 3|4 (zxcvbn: 10^3, 10^6, 10^8, 10^10, +5). */
  private static final double[] SCORE_LIMITS = {
    Math.log10(1e3 + 5), Math.log10(1e6 + 5), Math.log10(1e8 + 5), Math.log10(1e10 + 5)
  };

  /** Returns the 0 to 4 score of log10 guesses. */
  static int score(double lg) {
    for (int s = 0; s < SCORE_LIMITS.length; s++) {
      if (lg < SCORE_LIMITS[s]) {
        return s;
      }
    }
    return 4;
  }

  /** log10(l!) for the sequence lengths the search tracks. */
  static double logFactorial(int l) {
    return LOG_FACTORIAL[l];
  }

  private static final double[] LOG_FACTORIAL =
      new double[StrengthEstimator.MAX_MATCHES_IN_SEQUENCE + 2];

  static {
    for (int i = 2; i < LOG_FACTORIAL.length; i++) {
      LOG_FACTORIAL[i] = LOG_FACTORIAL[i - 1] + Math.log10(i);
    }
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  /**
   * log10 of zxcvbn's mixed-case variations sum_{k=1..min(u,l)} C(u+l, k), cached for u, l < 32.
   */
  private static final double[] MIXED_CASE = new double[32 * 32];

  static double mixedCaseLog10(int upper, int lowerCount) {
    if (upper < 32 && lowerCount < 32) {
      return MIXED_CASE[upper * 32 + lowerCount];
    }
    return computeMixedCase(upper, lowerCount);
  }

  private static double computeMixedCase(int upper, int lowerCount) {
    double sum = 0;
    for (int k = 1; k <= Math.min(upper, lowerCount); k++) {
      sum += binomial(upper + lowerCount, k);
    }
    return Math.log10(Math.max(sum, 1));
  }

  private static final double[][] BINOMIAL = new double[65][];

  static {
    for (int a = 0; a < BINOMIAL.length; a++) {
      BINOMIAL[a] = new double[a + 1];
      BINOMIAL[a][0] = 1;
      BINOMIAL[a][a] = 1;
      for (int b = 1; b < a; b++) {
        BINOMIAL[a][b] = BINOMIAL[a - 1][b - 1] + BINOMIAL[a - 1][b];
      }
    }
    for (int u = 0; u < 32; u++) {
      for (int l = 0; l < 32; l++) {
        MIXED_CASE[u * 32 + l] = computeMixedCase(u, l);
      }
    }
  }

  static double binomial(int n, int k) {
    if (k > n || k < 0) {
      return 0;
    }
    if (n < BINOMIAL.length) {
      return BINOMIAL[n][k];
    }
    if (k == 0) {
      return 1;
    }
    double r = 1;
    for (int d = 1; d <= k; d++) {
      r *= n;
      r /= d;
      n--;
    }
    return r;
  }

  private static final int LOG_ADD_STEPS = 64;
  private static final double LOG_ADD_RANGE = 17;
  private static final double[] LOG_ADD = new double[(int) (LOG_ADD_RANGE * LOG_ADD_STEPS) + 2];

  static {
    for (int k = 0; k < LOG_ADD.length; k++) {
      LOG_ADD[k] = Math.log10(1 + Math.pow(10, -(double) k / LOG_ADD_STEPS));
    }
  }

  /** log10(10^a + 10^b) without overflow (table with linear interpolation, error below 1e-5). */
  static double logAdd(double a, double b) {
    double hi = Math.max(a, b);
    double diff = hi - Math.min(a, b);
    if (diff >= LOG_ADD_RANGE) {
      return hi;
    }
    double x = diff * LOG_ADD_STEPS;
    int k = (int) x;
    double f = x - k;
    return hi + LOG_ADD[k] + (LOG_ADD[k + 1] - LOG_ADD[k]) * f;
  }

  /** log10 of ranks up to the bundled lists' length, so a match costs no Math.log10 call. */
  private static final float[] LOG_RANK = new float[30_001];

  static {
    for (int r = 1; r < LOG_RANK.length; r++) {
      LOG_RANK[r] = (float) Math.log10(r);
    }
  }

  static double log10Rank(int rank) {
    return rank < LOG_RANK.length ? LOG_RANK[Math.max(rank, 1)] : Math.log10(rank);
  }
}
