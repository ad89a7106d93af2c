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
    new DateMatcher()
        .find(new MatchContext(null, null, List.of(), ref), new Piece(w, w.length), out);
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
    "0, 13, 13, " + NONE,
    "0, 13, 32, " + NONE,
    "0, 13, 1, 2000",
    "13, 1, 0, 2000",
  })
  void dmyYear(int a, int b, int c, int expected) {
    assertThat(DateMatcher.dmyYear(a, b, c)).isEqualTo(expected);
  }

  // ---- find: years, dates without and with separators, dropping nested dates ----

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "abc; ''",
        "123; ''",
        "a1b2c3d; ''",
        "1899; D 0-3 2009",
        "1900; Y 0-3 1900|D 0-3 2000",
        "1991; Y 0-3 1991|D 0-3 2001",
        "2099; Y 0-3 2099|D 0-3 2009",
        "2100; D 0-3 2000",
        "x1987y; Y 1-4 1987|D 1-4 2007",
        "19871988; Y 0-3 1987|Y 4-7 1988|D 2-7 1988|D 0-6 1987",
        "119900; Y 1-4 1990|D 1-5 2000|D 0-4 1990",
        "1/1/91; D 0-5 1991",
        "13.12.1987; Y 6-9 1987|D 0-9 1987",
        "2-29-2000; Y 5-8 2000|D 0-8 2000",
        "1991_2_3; Y 0-3 1991|D 0-7 1991",
        "1_2-91; ''",
        "1/2/3; ''",
        "1//91x; ''",
        "11/11/11111; D 6-10 2011|D 0-9 1111",
        "a1 2 91b; D 1-6 1991",
        "1\\2\\91; D 0-5 1991",
      })
  void findExact(String pw, String expected) {
    List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split("\\|"));
    assertThat(find(pw, REF)).isEqualTo(want);
  }

  @Test
  void moreExact() {
    assertThat(find("1/1/1991", REF)).containsExactly("Y 4-7 1991", "D 0-7 1991");
    assertThat(find("12121212", REF)).containsExactly("D 0-7 1212");
    assertThat(find("311299", REF)).containsExactly("D 0-5 1999");
    assertThat(find("0101", REF)).containsExactly("D 0-3 2000");
    assertThat(find("1231", REF)).containsExactly("D 0-3 2031");
    // ten chars is the longest separated date, five the shortest
    assertThat(dates("1991/12/31x", REF)).containsExactly("D 0-9 1991");
    assertThat(dates("x1/1/1x", REF)).isEmpty();
    assertThat(dates("1/1/1", REF)).isEmpty();
    assertThat(dates("1.1.01", REF)).containsExactly("D 0-5 2001");
    // separators must repeat; a third group of five digits is too long
    assertThat(dates("1.1/01", REF)).isEmpty();
    assertThat(dates("1.1.01991", REF)).containsExactly("D 4-8 1991", "D 0-6 2019");
    assertThat(dates("11111.1.1", REF)).containsExactly("D 0-4 2011", "D 1-8 1111");
  }

  @Test
  void groupLengthsCountLeadingZeros() {
    // a first group of five digits is too long even with a leading zero
    assertThat(dates("01990.1.1", REF)).containsExactly("D 0-4 1990", "D 1-8 1990");
    // a middle group of three digits is too long even with a leading zero
    assertThat(dates("1.012.91", REF)).isEmpty();
    // the middle group is a two-digit number: 13 is no month
    assertThat(dates("13.13.91", REF)).containsExactly("D 0-6 2013", "D 1-7 1991");
    // a year needs four chars inside the piece
    assertThat(find("1x199", REF)).isEmpty();
  }

  @Test
  void stepsCountTheWork() {
    for (Object[] c : new Object[][] {{"1/1/91", 4L}, {"1991", 2L}, {"x1991", 4L}}) {
      char[] w = ((String) c[0]).toCharArray();
      MatchContext ctx = new MatchContext(null, null, List.of(), REF);
      new DateMatcher().find(ctx, new Piece(w, w.length), new Matches(w.length));
      assertThat(ctx.steps).as((String) c[0]).isEqualTo(c[1]);
    }
  }

  @Test
  void closestSplitToTheReferenceYearWinsAndTiesKeepTheFirst() {
    // "1991" splits as 1/9/91 (1991) or 19/9/1 (2001)
    assertThat(dates("1991", 1990)).containsExactly("D 0-3 1991");
    assertThat(dates("1991", 2000)).containsExactly("D 0-3 2001");
    assertThat(dates("1991", 1996)).containsExactly("D 0-3 1991");
    assertThat(dates("1991", 1997)).containsExactly("D 0-3 2001");
    assertThat(dates("1991", 1995)).containsExactly("D 0-3 1991");
  }

  @Test
  void guesses() {
    // whole piece: no minimum applies; a year is |year - ref| (at least 20) guesses
    Matches m = raw("1991", REF);
    assertThat(m.count).isEqualTo(2);
    assertThat(m.mlg[0]).isCloseTo(Math.log10(35), within(1e-9));
    assertThat(m.mlg[1]).isCloseTo(Math.log10(25 * 365), within(1e-9));
    m = raw("2020", REF);
    assertThat(m.mlg[0]).isCloseTo(Math.log10(20), within(1e-9));
    m = raw("1/1/91", REF);
    assertThat(m.count).isEqualTo(1);
    assertThat(m.mlg[0]).isCloseTo(Math.log10(35 * 365 * 4), within(1e-9));
    m = raw("1/1/91", 2000);
    assertThat(m.mlg[0]).isCloseTo(Math.log10(20 * 365 * 4), within(1e-9));
    m = raw("1/1/91", 2012);
    assertThat(m.mlg[0]).isCloseTo(Math.log10(21 * 365 * 4), within(1e-9));
    m = raw("1991", 2011);
    assertThat(m.mlg[0]).isCloseTo(Math.log10(20), within(1e-9));
    assertThat(m.mlg[1]).isCloseTo(Math.log10(20 * 365), within(1e-9));
  }

  /** zxcvbn4j's own date matcher finds the same date spans and years (outside oracle). */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "1/1/91",
        "13.12.1987",
        "2-29-2000",
        "1991_2_3",
        "19871988",
        "119900",
        "11/11/11111",
        "a1 2 91b",
        "1991/12/31x",
        "311299",
        "0101",
        "1231",
        "1.1.01991",
        "pass1987word",
        "1_2-91"
      })
  void agreesWithZxcvbn4j(String pw) {
    int ref = java.time.Year.now().getValue();
    List<String> theirs = new ArrayList<>();
    for (Match z :
        new com.nulabinc.zxcvbn.matchers.DateMatcher(new Context(Map.of(), Map.of())).execute(pw)) {
      theirs.add("D " + z.i + "-" + z.j + " " + z.year);
    }
    assertThat(dates(pw, ref)).containsExactlyInAnyOrderElementsOf(theirs);
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
