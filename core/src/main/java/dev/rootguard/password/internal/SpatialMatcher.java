package dev.rootguard.password.internal;

/**
 * zxcvbn's spatial matches: keyboard walks of three or more keys on each of {@link Keyboards#ALL}
 * (US QWERTY, Dvorak, JIS, numeric keypads), weighted by length, turns and shifted keys. Keypads
 * are skipped unless the piece has three keypad characters. Walks are at most {@value
 * Keyboards#MAX_WALK} keys, so the work is linear. Stateless and thread-safe.
 */
final class SpatialMatcher implements Matcher {
  @Override
  public void find(MatchContext ctx, Piece piece, Matches out) {
    for (Keyboards.Graph graph : Keyboards.ALL) {
      walks(ctx, piece, out, graph);
    }
  }

  private static void walks(MatchContext ctx, Piece p, Matches out, Keyboards.Graph graph) {
    char[] w = p.w;
    int n = p.n;
    boolean keyboard = graph.slanted;
    if (!keyboard && p.keypadChars < 3) {
      return;
    }
    int i = 0;
    while (i < n - 1) {
      int j = i + 1;
      int lastDirection = -1;
      int turns = 0;
      int shifted = keyboard && graph.isShifted(w[i]) ? 1 : 0;
      while (true) {
        ctx.steps++;
        char prev = w[j - 1];
        boolean found = false;
        int fast = j < n ? graph.step(prev, w[j]) : 0;
        char[] neighbours = fast < 0 && prev < 256 ? graph.adjacent[prev] : null;
        if (fast >= 0 && j < n && j - i < Keyboards.MAX_WALK) {
          if (fast != 0) {
            found = true;
            if ((fast & 0x40) != 0) {
              shifted++;
            }
            int d = 2 * ((fast & 0x3F) - 1);
            if (lastDirection != d) {
              turns++;
              lastDirection = d;
            }
          }
        } else if (j < n && j - i < Keyboards.MAX_WALK && neighbours != null) {
          char cur = w[j];
          for (int d = 0; d < neighbours.length; d += 2) {
            int at = neighbours[d] == cur ? 0 : neighbours[d + 1] == cur ? 1 : -1;
            if (at >= 0 && cur != 0) {
              found = true;
              if (at == 1) {
                shifted++;
              }
              if (lastDirection != d) {
                turns++;
                lastDirection = d;
              }
              break;
            }
          }
        }
        if (found) {
          j++;
        } else {
          if (j - i > 2) {
            addWalk(out, graph, i, j - 1, turns, shifted);
          }
          i = j;
          break;
        }
      }
    }
  }

  private static void addWalk(
      Matches out, Keyboards.Graph graph, int i, int j, int turns, int shifted) {
    int len = j - i + 1;
    double lg =
        graph.walkLog10[Math.min(len, Keyboards.MAX_WALK)][Math.min(turns, Keyboards.MAX_WALK)];
    if (shifted > 0) {
      int unshifted = len - shifted;
      if (unshifted == 0) {
        lg += GuessMath.LOG_2;
      } else {
        double v = 0;
        for (int k = 1; k <= Math.min(shifted, unshifted); k++) {
          v += GuessMath.binomial(shifted + unshifted, k);
        }
        lg += Math.log10(v);
      }
    }
    out.add(i, j, Matches.SPATIAL, lg, turns, 0);
  }
}
