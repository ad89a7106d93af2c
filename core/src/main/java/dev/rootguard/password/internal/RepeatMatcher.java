package dev.rootguard.password.internal;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * zxcvbn's repeat matches: a unit of up to {@value StrengthEstimator#MAX_REPEAT_UNIT} chars
 * repeated ({@code aaaa}, {@code abcabc}), weighted as the guesses of the unit (estimated as a
 * password of its own, without repeats) times the number of repeats. Only the shortest period of a
 * run counts ({@code abab} is {@code ab} twice, not {@code abab} once). Stateless and thread-safe.
 */
final class RepeatMatcher implements Matcher {
  @Override
  public void find(MatchContext ctx, Piece p, Matches out) {
    char[] w = p.w;
    int n = p.n;
    int maxUnit = Math.min(StrengthEstimator.MAX_REPEAT_UNIT, n / 2);
    for (int unit = 1; unit <= maxUnit; unit++) {
      int runStart = -1;
      for (int k = unit; k <= n; k++) {
        ctx.steps++;
        boolean same = k < n && w[k] == w[k - unit];
        if (same) {
          if (runStart < 0) {
            runStart = k;
          }
          continue;
        }
        if (runStart >= 0 && k - runStart >= unit) {
          int start = runStart - unit;
          int reps = (k - start) / unit;
          if (!hasShorterPeriod(ctx, w, start, unit)) {
            addRepeat(ctx, p, out, start, unit, reps);
          }
        }
        runStart = -1;
      }
    }
  }

  private static boolean hasShorterPeriod(MatchContext ctx, char[] w, int start, int p) {
    for (int d = 1; d < p; d++) {
      if (p % d != 0) {
        continue;
      }
      boolean periodic = true;
      for (int k = start + d; k < start + p; k++) {
        if (w[k] != w[k - d]) {
          periodic = false;
          break;
        }
      }
      ctx.steps += p;
      if (periodic) {
        return true;
      }
    }
    return false;
  }

  private static void addRepeat(
      MatchContext ctx, Piece piece, Matches out, int start, int p, int reps) {
    char[] w = piece.w;
    if (p == 1) {
      out.add(
          start,
          start + reps - 1,
          Matches.REPEAT,
          singleCharLog10(ctx, w[start]) + Math.log10(reps),
          1,
          0);
      return;
    }
    char[] unit = Arrays.copyOfRange(w, start, start + p);
    PieceAnalysis base = new PieceAnalysis(ctx, unit, p, false);
    double baseLg = base.solve();
    base.wipe();
    Arrays.fill(unit, '\0');
    out.add(start, start + p * reps - 1, Matches.REPEAT, baseLg + Math.log10(reps), p, 0);
  }

  /**
   * What a full estimate of the one-character password {@code c} gives, without building a piece:
   * brute force (11) or a one-letter word of a list (rank, times 2 for an upper-case letter),
   * whichever is smaller. Sequences, walks and l33t need two or more characters.
   */
  private static double singleCharLog10(MatchContext ctx, char c) {
    double best = GuessMath.LOG_11;
    char lc = CaseFold.foldChar(c);
    double upper = GuessMath.isUpper(c) ? GuessMath.LOG_2 : 0;
    if (lc < 0x80) {
      int node = ctx.trie.child(WordTrie.ROOT, lc);
      int packed = node < 0 ? 0 : ctx.trie.wordInfo(node);
      if (packed != 0) {
        best = Math.min(best, GuessMath.log10Rank(WordTrie.rank(packed)) + upper);
      }
    }
    char[][] inputs = ctx.inputs;
    for (int r = 0; r < inputs.length; r++) {
      if (inputs[r].length == 1 && inputs[r][0] == lc) {
        best = Math.min(best, GuessMath.log10Rank(r + 1) + upper);
      }
    }
    if (ctx.custom != null) {
      OptionalInt rank = ctx.custom.rank(String.valueOf(c));
      if (rank.isPresent()) {
        best = Math.min(best, GuessMath.log10Rank(rank.getAsInt()) + upper);
      }
    }
    return best;
  }
}
