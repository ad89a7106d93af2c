package dev.rootguard.password.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exact keyboard-walk matches of {@link SpatialMatcher}: spans, turns and guesses for chosen
 * inputs. Expected walks are traced by hand on keyboard pictures (QWERTY, Dvorak, JIS, keypads in
 * that order); expected guesses follow zxcvbn's formula written out in the test.
 */
class SpatialMatcherTest {
  private static final double S = 94;
  private static final double D = 216.0 / 47;

  private static Matches run(String pw) {
    char[] w = pw.toCharArray();
    Matches out = new Matches(w.length);
    new SpatialMatcher()
        .find(new MatchContext(null, null, List.of(), 2026), new Piece(w, w.length), out);
    for (int m = 0; m < out.count; m++) {
      assertThat(out.kind[m]).isEqualTo(Matches.SPATIAL);
    }
    return out;
  }

  /** Renders each match as "i-j turns". */
  private static List<String> find(String pw) {
    Matches out = run(pw);
    List<String> r = new ArrayList<>();
    for (int m = 0; m < out.count; m++) {
      r.add(out.mi[m] + "-" + out.mj[m] + " " + out.info[m]);
    }
    return r;
  }

  private static double c(int n, int k) {
    double r = 1;
    for (int x = 1; x <= k; x++) {
      r = r * (n - k + x) / x;
    }
    return r;
  }

  /** zxcvbn's QWERTY walk guesses (log10) for length len and the given turns, no shift. */
  private static double qwerty(int len, int turns) {
    double sum = 0;
    for (int i = 2; i <= len; i++) {
      for (int j = 1; j <= Math.min(turns, i - 1); j++) {
        sum += c(i - 1, j - 1) * S * Math.pow(D, j);
      }
    }
    return Math.log10(sum);
  }

  @Test
  void straightRowWalks() {
    // QWERTY and JIS share the letter rows; on Dvorak only r-t is adjacent (too short).
    assertThat(find("qwerty")).containsExactly("0-5 1", "0-5 1");
    assertThat(run("qwerty").mlg[0]).isCloseTo(Math.log10(2160), within(1e-9));
    assertThat(find("zxcvbn")).containsExactly("0-5 1", "0-5 1");
    assertThat(run("zxcvbn").mlg[0]).isCloseTo(Math.log10(2160), within(1e-9));
  }

  @Test
  void walksWithTurns() {
    // QWERTY a-h right; Dvorak d-f up, f-g right, g-h down (3 turns); JIS as QWERTY.
    assertThat(find("asdfgh")).containsExactly("0-5 1", "2-5 3", "0-5 1");
    // right, down, left.
    assertThat(find("qwerfdsa")).containsExactly("0-7 3", "0-7 3");
    assertThat(run("qwerfdsa").mlg[0]).isCloseTo(qwerty(8, 3), within(1e-9));
    // Columns: 1qaz and 2wsx are straight down on QWERTY and JIS; keypad needs 3 keypad chars.
    assertThat(find("1qaz2wsx")).containsExactly("0-3 1", "4-7 1", "0-3 1", "4-7 1");
    assertThat(run("1qaz2wsx").mlg[0]).isCloseTo(Math.log10(1296), within(1e-9));
  }

  @Test
  void shiftedKeys() {
    Matches m = run("qWeRtY");
    assertThat(find("qWeRtY")).containsExactly("0-5 1", "0-5 1");
    // 3 shifted of 6: C(6,1) + C(6,2) + C(6,3) = 41 variations.
    assertThat(m.mlg[0]).isCloseTo(Math.log10(2160 * 41), within(1e-9));
    // All shifted, including the first key: twice the guesses.
    assertThat(run("QWERTY").mlg[0]).isCloseTo(Math.log10(4320), within(1e-9));
    // First key shifted only: 1 shifted of 6 -> C(6,1).
    assertThat(run("Qwerty").mlg[0]).isCloseTo(Math.log10(2160 * 6), within(1e-9));
    assertThat(run("qwertY").mlg[0]).isCloseTo(Math.log10(2160 * 6), within(1e-9));
  }

  @Test
  void keypadWalks() {
    // Keyboards: 789, 456, 123 each (3 graphs); keypads: 789, 456 and 1-2-3-0 (right, down-left).
    assertThat(find("7894561230"))
        .containsExactly(
            "0-2 1", "3-5 1", "6-8 1", "0-2 1", "3-5 1", "6-8 1", "0-2 1", "3-5 1", "6-8 1",
            "0-2 1", "3-5 1", "6-9 2", "0-2 1", "3-5 1", "6-9 2");
    double ks = 15;
    double kd = 76.0 / 15;
    Matches m = run("7894561230");
    // 1230 on the PC keypad: len 4, 2 turns.
    double sum = ks * kd + (ks * kd + 2 * ks * kd * kd) + (ks * kd + 3 * ks * kd * kd);
    assertThat(m.mlg[11]).isCloseTo(Math.log10(sum), within(1e-9));
    // Exactly three keypad chars: PC keypad right-right, Mac keypad right-down.
    assertThat(find("/*-")).containsExactly("0-2 1", "0-2 2");
  }

  @Test
  void nonAsciiKeysTakeTheSlowPath() {
    // JIS: yen, ^, - leftwards; yen is outside the ASCII table.
    assertThat(find("\u00a5^-")).containsExactly("0-2 1");
    assertThat(run("\u00a5^-").mlg[0]).isCloseTo(Keyboards.JIS.walkLog10[3][1], within(1e-9));
    // Shifted halves reached through the slow path: ~ (shift ^) and = (shift -).
    assertThat(find("\u00a5~=")).containsExactly("0-2 1");
    assertThat(run("\u00a5~=").mlg[0])
        .isCloseTo(Keyboards.JIS.walkLog10[3][1] + Math.log10(3), within(1e-9));
    // A NUL must not match a missing neighbour or a missing shifted char.
    assertThat(find("123\u0000")).containsExactly("0-2 1", "0-2 1", "0-2 1", "0-2 1", "0-2 1");
    assertThat(find("\u0100qwe")).containsExactly("1-3 1", "1-3 1");
  }

  @Test
  void walksAreCutAtMaxWalk() {
    String pw = "asdfghjkl;'" + ";lkjhgfdsa" + "sdfghjkl;'" + ";lk";
    Matches m = run(pw);
    assertThat(find(pw)).contains("0-31 4");
    assertThat(m.mi[0]).isZero();
    assertThat(m.mj[0]).isEqualTo(31);
    assertThat(m.mlg[0]).isCloseTo(qwerty(32, 4), within(1e-9));
    for (int k = 0; k < m.count; k++) {
      assertThat(m.mj[k] - m.mi[k] + 1).isBetween(3, 32);
    }
  }

  @Test
  void slowPathTurnsAndCut() {
    // JIS: ^ to yen is right, yen to [ is down-left; both steps leave the ASCII table.
    assertThat(find("^\u00a5[")).containsExactly("0-2 2");
    // yen/^ alternating: every step turns; cut after 32 keys.
    String pw = "\u00a5^".repeat(17);
    assertThat(find(pw)).containsExactly("0-31 31");
    assertThat(run(pw).mlg[0]).isCloseTo(Keyboards.JIS.walkLog10[32][31], within(1e-9));
    assertThat(find("p" + pw)).containsExactly("1-32 31");
  }

  @Test
  void cutAlsoAppliesToWalksNotAtTheStart() {
    String pw = "p" + "asdfghjkl;'" + ";lkjhgfdsa" + "sdfghjkl;'" + ";lk";
    assertThat(find(pw)).contains("1-32 4");
  }

  @Test
  void shortOrEmpty() {
    assertThat(find("")).isEmpty();
    assertThat(find("q")).isEmpty();
    assertThat(find("qw")).isEmpty();
    assertThat(find("qwe")).containsExactly("0-2 1", "0-2 1");
    assertThat(find("qaz")).containsExactly("0-2 1", "0-2 1");
    assertThat(find("xqwe")).containsExactly("1-3 1", "1-3 1");
  }
}
