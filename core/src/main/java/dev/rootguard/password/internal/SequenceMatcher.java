package dev.rootguard.password.internal;

/**
 * zxcvbn's sequence matches: runs of chars with one constant step of 1 to 5 code units ({@code
 * abcd}, {@code 9753}, {@code zyx}), weighted by the first char (obvious starts such as {@code a},
 * {@code 1} are cheap), the length and the direction. One pass, linear. Stateless and thread-safe.
 */
final class SequenceMatcher implements Matcher {
  @Override
  public void find(MatchContext ctx, Piece p, Matches out) {
    char[] w = p.w;
    int n = p.n;
    if (n == 1) {
      return;
    }
    int i = 0;
    int lastDelta = Integer.MIN_VALUE;
    for (int k = 1; k < n; k++) {
      ctx.steps++;
      int delta = w[k] - w[k - 1];
      if (lastDelta == Integer.MIN_VALUE) {
        lastDelta = delta;
      }
      if (delta == lastDelta) {
        continue;
      }
      int j = k - 1;
      sequence(w, out, i, j, lastDelta);
      i = j;
      lastDelta = delta;
    }
    sequence(w, out, i, n - 1, lastDelta);
  }

  private static void sequence(char[] w, Matches out, int i, int j, int delta) {
    if (j - i > 1 || Math.abs(delta) == 1) {
      if (Math.abs(delta) > 0 && Math.abs(delta) <= 5) {
        char first = w[i];
        double base;
        if ("aAzZ019".indexOf(first) >= 0) {
          base = 4;
        } else if (first >= '0' && first <= '9') {
          base = 10;
        } else {
          base = 26;
        }
        if (delta < 0) {
          base *= 2;
        }
        out.add(i, j, Matches.SEQUENCE, Math.log10(base * (j - i + 1)), 0, 0);
      }
    }
  }
}
