package dev.rootguard.password.internal;

import java.util.Arrays;

/**
 * zxcvbn's minimum-guesses search over the matches of one piece: a dynamic programme that, for each
 * end position k and sequence length l, keeps the cheapest cover of {@code [0, k]} by l matches and
 * brute-force runs, where a sequence of l parts costs {@code l! * product of guesses + 10000^(l-1)}
 * (all in log10). Brute force costs 10 per char (11 for a lone first char). At most {@value #L}
 * lengths are tracked per position ({@link StrengthEstimator#MAX_MATCHES_IN_SEQUENCE}), and a
 * running minimum makes brute-force runs O(1) each, so the search is linear in the number of
 * matches plus the length.
 *
 * <p>After {@link #run()}, {@link #refAt} and {@link #previousLength} let {@link Feedback} walk the
 * best sequence back. Not thread-safe: confined to one estimate.
 */
final class GuessSearch {
  /** Sequence lengths tracked per position. */
  static final int L = StrengthEstimator.MAX_MATCHES_IN_SEQUENCE;

  private final MatchContext ctx;
  private final Matches m;
  private final int n;

  private double[] pi;
  private double[] g;
  private int[] ref;
  private byte[] prevL;
  private long[] live;
  private int[] endStart;

  /** Length of the best sequence, after {@link #run()}. */
  int bestL;

  GuessSearch(MatchContext ctx, Matches matches, int n) {
    this.ctx = ctx;
    this.m = matches;
    this.n = n;
  }

  /** Runs the search; returns log10 of the fewest guesses for the whole piece. */
  double run() {
    int[] byEnd = sortByEnd();
    int[] endStart = this.endStart;
    pi = new double[n * L];
    g = new double[n * L];
    ref = new int[n * L];
    prevL = new byte[n * L];
    live = new long[n];
    double[] runMin = new double[L + 1];
    int[] runArg = new int[L + 1];
    Arrays.fill(runMin, Double.POSITIVE_INFINITY);
    long runLive = 0;
    for (int k = 0; k < n; k++) {
      for (int e = endStart[k]; e < endStart[k + 1]; e++) {
        int match = byEnd[e];
        int i = m.mi[match];
        if (i == 0) {
          update(k, 1, m.mlg[match], match, 0);
        } else {
          long bits = live[i - 1];
          while (bits != 0) {
            int l = Long.numberOfTrailingZeros(bits) + 1;
            bits &= bits - 1;
            ctx.steps++;
            update(k, l + 1, pi[(i - 1) * L + l - 1] + m.mlg[match], match, l);
          }
        }
      }
      // brute force from the start
      update(k, 1, k == 0 ? GuessMath.LOG_11 : k + 1, -1, 0);
      // brute force of length >= 2 after a non-brute-force match ending at p <= k - 2
      if (k >= 2) {
        int p = k - 2;
        long bits = live[p];
        while (bits != 0) {
          int l = Long.numberOfTrailingZeros(bits) + 1;
          bits &= bits - 1;
          int at = p * L + l - 1;
          if (ref[at] >= 0 && pi[at] - p < runMin[l]) {
            runMin[l] = pi[at] - p;
            runArg[l] = p;
            runLive |= 1L << l;
          }
        }
      }
      for (long rb = runLive; rb != 0; rb &= rb - 1) {
        int l = Long.numberOfTrailingZeros(rb);
        ctx.steps++;
        update(k, l + 1, runMin[l] + k, -(runArg[l] + 2), l);
      }
      // brute force of length 1 after a non-brute-force match ending at k - 1
      if (k >= 1) {
        long bits = live[k - 1];
        while (bits != 0) {
          int l = Long.numberOfTrailingZeros(bits) + 1;
          bits &= bits - 1;
          int at = (k - 1) * L + l - 1;
          if (ref[at] >= 0) {
            ctx.steps++;
            update(k, l + 1, pi[at] + GuessMath.LOG_11, -(k - 1 + 2), l);
          }
        }
      }
    }
    double best = Double.POSITIVE_INFINITY;
    long bits = live[n - 1];
    while (bits != 0) {
      int l = Long.numberOfTrailingZeros(bits) + 1;
      bits &= bits - 1;
      double v = g[(n - 1) * L + l - 1];
      if (v < best) {
        best = v;
        bestL = l;
      }
    }
    return best;
  }

  /** Counting sort of match indices by end position. */
  private int[] sortByEnd() {
    int count = m.count;
    int[] start = new int[n + 1];
    for (int x = 0; x < count; x++) {
      start[m.mj[x] + 1]++;
    }
    for (int k = 0; k < n; k++) {
      start[k + 1] += start[k];
    }
    int[] fill = Arrays.copyOf(start, n + 1);
    int[] out = new int[count];
    for (int x = 0; x < count; x++) {
      out[fill[m.mj[x]]++] = x;
    }
    endStart = start;
    return out;
  }

  /**
   * Offers a sequence of l matches ending at k with log10 product {@code lpi}; ref is the match
   * index, or -(p + 2) for brute force after position p (-1: brute force from the start).
   */
  private void update(int k, int l, double lpi, int matchRef, int fromL) {
    int lc = Math.min(l, L);
    double lg = GuessMath.logFactorial(lc) + lpi;
    if (lc > 1) {
      lg = GuessMath.logAdd(lg, 4.0 * (lc - 1));
    }
    long bits = live[k] & ((lc == 64 ? -1L : (1L << lc) - 1));
    while (bits != 0) {
      int other = Long.numberOfTrailingZeros(bits) + 1;
      bits &= bits - 1;
      if (g[k * L + other - 1] <= lg) {
        return;
      }
    }
    int at = k * L + lc - 1;
    pi[at] = lpi;
    g[at] = lg;
    ref[at] = matchRef;
    prevL[at] = (byte) fromL;
    live[k] |= 1L << (lc - 1);
  }

  /**
   * The last part of the best sequence of l parts ending at k: a match index, or -(p + 2) for brute
   * force after position p (-1: brute force from the start).
   */
  int refAt(int k, int l) {
    return ref[k * L + l - 1];
  }

  /** The number of parts before the last part of the best sequence of l parts ending at k. */
  int previousLength(int k, int l) {
    return prevL[k * L + l - 1];
  }
}
