package dev.rootguard.password.internal;

import static dev.rootguard.password.internal.GuessMath.isDigit;

import java.util.Arrays;

/**
 * zxcvbn's year and date matches: four-digit years 1900 to 2099 ({@code 19xx}, {@code 20xx}); dates
 * of 4 to 8 digits without separators ({@code 19840512}, {@code 0512}), split the ways zxcvbn
 * splits them; and dates of 6 to 10 chars with one repeated separator ({@code 5/12/1984}). A date
 * inside another date is dropped. Guesses grow with the distance from the reference year (the
 * clock's year), at least {@code 20} years. Linear: a date is at most 10 chars. Stateless and
 * thread-safe.
 */
final class DateMatcher implements Matcher {
  /** zxcvbn's ways to split 4 to 8 digits into day, month and year. */
  private static final int[][][] SPLITS = {
    {},
    {},
    {},
    {},
    {{1, 2}, {2, 3}},
    {{1, 3}, {2, 3}},
    {{1, 2}, {2, 4}, {4, 5}},
    {{1, 3}, {2, 3}, {4, 5}, {4, 6}},
    {{2, 4}, {4, 6}}
  };

  private static final int DATE_MIN_YEAR = 1000;
  private static final int DATE_MAX_YEAR = 2050;

  @Override
  public void find(MatchContext ctx, Piece p, Matches out) {
    if (p.digits < 4) {
      return;
    }
    years(ctx, p, out);
    dates(ctx, p, out);
  }

  private static void years(MatchContext ctx, Piece p, Matches out) {
    char[] w = p.w;
    int n = p.n;
    for (int i = 0; i + 3 < n; ) {
      ctx.steps++;
      if (((w[i] == '1' && w[i + 1] == '9') || (w[i] == '2' && w[i + 1] == '0'))
          && isDigit(w[i + 2])
          && isDigit(w[i + 3])) {
        int year =
            (w[i] - '0') * 1000 + (w[i + 1] - '0') * 100 + (w[i + 2] - '0') * 10 + (w[i + 3] - '0');
        double space = Math.max(Math.abs(year - ctx.referenceYear), GuessMath.MIN_YEAR_SPACE);
        out.add(i, i + 3, Matches.YEAR, Math.log10(space), year, 0);
        i += 4;
      } else {
        i++;
      }
    }
  }

  private static void dates(MatchContext ctx, Piece p, Matches out) {
    char[] w = p.w;
    int n = p.n;
    int ref = ctx.referenceYear;
    int before = out.count;
    // without separators: 4 to 8 digits
    int digitsFrom = n;
    for (int i = n - 1; i >= 0; i--) {
      if (!isDigit(w[i])) {
        digitsFrom = i;
        continue;
      }
      int digitRun = digitsFrom - i;
      for (int j = i + 3; j <= i + 7 && j < i + digitRun; j++) {
        ctx.steps++;
        int bestYear = Integer.MIN_VALUE;
        int[][] splits = SPLITS[j - i + 1];
        for (int[] split : splits) {
          int year =
              dmyYear(
                  parse(w, i, i + split[0]),
                  parse(w, i + split[0], i + split[1]),
                  parse(w, i + split[1], j + 1));
          if (year != Integer.MIN_VALUE
              && (bestYear == Integer.MIN_VALUE
                  || Math.abs(year - ref) < Math.abs(bestYear - ref))) {
            bestYear = year;
          }
        }
        if (bestYear != Integer.MIN_VALUE) {
          addDate(ctx, out, i, j, bestYear, false);
        }
      }
    }
    // with separators: 6 to 10 chars, d{1,4} sep d{1,2} sep d{1,4}
    for (int i = 0; i + 6 <= n; i++) {
      if (!isDigit(w[i])) {
        continue;
      }
      for (int j = i + 5; j <= i + 9 && j < n; j++) {
        ctx.steps++;
        int year = separatedDate(w, i, j);
        if (year != Integer.MIN_VALUE) {
          addDate(ctx, out, i, j, year, true);
        }
      }
    }
    // drop dates inside other dates (a date is at most 10 chars long)
    int[] maxEnd = new int[n];
    Arrays.fill(maxEnd, -1);
    for (int m = before; m < out.count; m++) {
      maxEnd[out.mi[m]] = Math.max(maxEnd[out.mi[m]], out.mj[m]);
    }
    int kept = before;
    for (int m = before; m < out.count; m++) {
      boolean inside = maxEnd[out.mi[m]] > out.mj[m];
      for (int s = Math.max(0, out.mi[m] - 9); s < out.mi[m] && !inside; s++) {
        ctx.steps++;
        inside = maxEnd[s] >= out.mj[m];
      }
      if (!inside) {
        out.copy(m, kept++);
      }
    }
    out.count = kept;
  }

  private static void addDate(
      MatchContext ctx, Matches out, int i, int j, int year, boolean separator) {
    double space = Math.max(Math.abs(year - ctx.referenceYear), GuessMath.MIN_YEAR_SPACE);
    double lg = Math.log10(space * 365) + (separator ? Math.log10(4) : 0);
    out.add(i, j, Matches.DATE, lg, year, 0);
  }

  private static int separatedDate(char[] w, int i, int j) {
    int k = i;
    int a = 0;
    int digits = 0;
    while (k <= j && isDigit(w[k]) && digits < 4) {
      a = a * 10 + (w[k++] - '0');
      digits++;
    }
    if (digits == 0 || k > j || !isSeparator(w[k])) {
      return Integer.MIN_VALUE;
    }
    char sep = w[k++];
    int b = 0;
    digits = 0;
    while (k <= j && isDigit(w[k]) && digits < 2) {
      b = b * 10 + (w[k++] - '0');
      digits++;
    }
    if (digits == 0 || k > j || w[k] != sep) {
      return Integer.MIN_VALUE;
    }
    k++;
    int c = 0;
    digits = 0;
    while (k <= j && isDigit(w[k]) && digits < 4) {
      c = c * 10 + (w[k++] - '0');
      digits++;
    }
    if (digits == 0 || k != j + 1) {
      return Integer.MIN_VALUE;
    }
    return dmyYear(a, b, c);
  }

  private static int parse(char[] w, int from, int to) {
    int v = 0;
    for (int k = from; k < to; k++) {
      v = v * 10 + (w[k] - '0');
    }
    return v;
  }

  /** zxcvbn's map_ints_to_dmy, returning only the year, or MIN_VALUE if not a date. */
  static int dmyYear(int a, int b, int c) {
    if (b > 31 || b <= 0) {
      return Integer.MIN_VALUE;
    }
    if (outOfRange(a) || outOfRange(b) || outOfRange(c)) {
      return Integer.MIN_VALUE;
    }
    int over31 = (a > 31 ? 1 : 0) + (b > 31 ? 1 : 0) + (c > 31 ? 1 : 0);
    int over12 = (a > 12 ? 1 : 0) + (b > 12 ? 1 : 0) + (c > 12 ? 1 : 0);
    int under1 = (a <= 0 ? 1 : 0) + (b <= 0 ? 1 : 0) + (c <= 0 ? 1 : 0);
    if (over31 >= 2 || over12 == 3 || under1 >= 2) {
      return Integer.MIN_VALUE;
    }
    // a four-digit year last, then first
    if (c >= DATE_MIN_YEAR && c <= DATE_MAX_YEAR) {
      return isDayMonth(a, b) ? c : Integer.MIN_VALUE;
    }
    if (a >= DATE_MIN_YEAR && a <= DATE_MAX_YEAR) {
      return isDayMonth(b, c) ? a : Integer.MIN_VALUE;
    }
    // two-digit years
    if (isDayMonth(a, b)) {
      return twoToFourDigitYear(c);
    }
    if (isDayMonth(b, c)) {
      return twoToFourDigitYear(a);
    }
    return Integer.MIN_VALUE;
  }

  private static boolean outOfRange(int v) {
    return (v > 99 && v < DATE_MIN_YEAR) || v > DATE_MAX_YEAR;
  }

  private static int twoToFourDigitYear(int y) {
    return y > 99 ? y : y > 50 ? y + 1900 : y + 2000;
  }

  private static boolean isDayMonth(int x, int y) {
    return (x >= 1 && x <= 31 && y >= 1 && y <= 12) || (y >= 1 && y <= 31 && x >= 1 && x <= 12);
  }

  static boolean isSeparator(char c) {
    return c == ' '
        || c == '/'
        || c == '\\'
        || c == '_'
        || c == '.'
        || c == '-'
        || c == '\t'
        || c == '\n'
        || c == '\r'
        || c == '\f'
        || c == '\u000B';
  }
}
