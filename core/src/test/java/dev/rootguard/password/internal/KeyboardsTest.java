package dev.rootguard.password.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Exact adjacency graphs of {@link Keyboards}. Expected neighbours are written by hand from a
 * picture of each keyboard (zxcvbn's direction order: slanted keyboards left, up, up-right, right,
 * down, down-left; keypads left, up-left, up, up-right, right, down-right, down, down-left), never
 * computed with the class's own code.
 */
class KeyboardsTest {
  @Test
  void allGraphsInOrder() {
    assertThat(Keyboards.ALL)
        .containsExactly(
            Keyboards.QWERTY,
            Keyboards.DVORAK,
            Keyboards.JIS,
            Keyboards.KEYPAD,
            Keyboards.MAC_KEYPAD);
    assertThat(Keyboards.MAX_WALK).isEqualTo(32);
  }

  /** The shipped graphs. */
  @Nested
  class Shipped extends Checks {
    Shipped() {
      super(
          Keyboards.QWERTY,
          Keyboards.DVORAK,
          Keyboards.JIS,
          Keyboards.KEYPAD,
          Keyboards.MAC_KEYPAD);
    }
  }

  /**
   * Graphs built afresh by {@link Keyboards#layouts()}, so that the construction code runs under
   * test and not only in the class initializer; the expectations stay the hand-written ones.
   */
  @Nested
  class Rebuilt extends Checks {
    Rebuilt() {
      super(Keyboards.layouts());
    }
  }

  abstract static class Checks {
    private final Keyboards.Graph qwerty;
    private final Keyboards.Graph dvorak;
    private final Keyboards.Graph jis;
    private final Keyboards.Graph keypad;
    private final Keyboards.Graph macKeypad;

    Checks(Keyboards.Graph[] g) {
      this(g[0], g[1], g[2], g[3], g[4]);
    }

    Checks(
        Keyboards.Graph qwerty,
        Keyboards.Graph dvorak,
        Keyboards.Graph jis,
        Keyboards.Graph keypad,
        Keyboards.Graph macKeypad) {
      this.qwerty = qwerty;
      this.dvorak = dvorak;
      this.jis = jis;
      this.keypad = keypad;
      this.macKeypad = macKeypad;
    }

    Keyboards.Graph qwerty() {
      return qwerty;
    }

    Keyboards.Graph dvorak() {
      return dvorak;
    }

    Keyboards.Graph jis() {
      return jis;
    }

    Keyboards.Graph keypad() {
      return keypad;
    }

    Keyboards.Graph macKeypad() {
      return macKeypad;
    }

    /**
     * Builds the expected neighbour array: per direction unshifted and shifted char, 0 for none.
     */
    static char[] nb(String... keys) {
      char[] out = new char[2 * keys.length];
      for (int d = 0; d < keys.length; d++) {
        if (keys[d] != null) {
          out[2 * d] = keys[d].charAt(0);
          out[2 * d + 1] = keys[d].length() > 1 ? keys[d].charAt(1) : 0;
        }
      }
      return out;
    }

    @Test
    void qwertyNeighbours() {
      Keyboards.Graph g = qwerty();
      assertThat(g.name).isEqualTo("qwerty");
      assertThat(g.slanted).isTrue();
      assertThat(g.adjacent['g']).containsExactly(nb("fF", "tT", "yY", "hH", "bB", "vV"));
      assertThat(g.adjacent['q']).containsExactly(nb(null, "1!", "2@", "wW", "aA", null));
      assertThat(g.adjacent['Q']).containsExactly(nb(null, "1!", "2@", "wW", "aA", null));
      assertThat(g.adjacent['`']).containsExactly(nb(null, null, null, "1!", null, null));
      assertThat(g.adjacent['~']).containsExactly(nb(null, null, null, "1!", null, null));
      assertThat(g.adjacent['=']).containsExactly(nb("-_", null, null, null, "]}", "[{"));
      assertThat(g.adjacent['\\']).containsExactly(nb("]}", null, null, null, null, null));
      assertThat(g.adjacent['|']).containsExactly(nb("]}", null, null, null, null, null));
      assertThat(g.adjacent['/']).containsExactly(nb(".>", ";:", "'\"", null, null, null));
      assertThat(g.adjacent['z']).containsExactly(nb(null, "aA", "sS", "xX", null, null));
      assertThat(g.adjacent['a']).containsExactly(nb(null, "qQ", "wW", "sS", "zZ", null));
      assertThat(g.adjacent['\'']).containsExactly(nb(";:", "[{", "]}", null, null, "/?"));
      assertThat(g.adjacent['1']).containsExactly(nb("`~", null, null, "2@", "qQ", null));
      assertThat(g.adjacent[' ']).isNull();
      assertThat(g.adjacent['\u00e9']).isNull();
    }

    @Test
    void dvorakNeighbours() {
      Keyboards.Graph g = dvorak();
      assertThat(g.name).isEqualTo("dvorak");
      assertThat(g.adjacent['e']).containsExactly(nb("oO", ".>", "pP", "uU", "jJ", "qQ"));
      assertThat(g.adjacent[';']).containsExactly(nb(null, "aA", "oO", "qQ", null, null));
      assertThat(g.adjacent['\'']).containsExactly(nb(null, "1!", "2@", ",<", "aA", null));
      assertThat(g.adjacent['z']).containsExactly(nb("vV", "sS", "-_", null, null, null));
    }

    @Test
    void jisNeighboursHaveNoOffset() {
      Keyboards.Graph g = jis();
      assertThat(g.name).isEqualTo("jis");
      // Rows are not shifted: q sits under 1 and 2 is up-right of it; nothing left of 1.
      assertThat(g.adjacent['q']).containsExactly(nb(null, "1!", "2\"", "wW", "aA", null));
      assertThat(g.adjacent['1']).containsExactly(nb(null, null, null, "2\"", "qQ", null));
      assertThat(g.adjacent['0']).containsExactly(nb("9)", null, null, "-=", "pP", "oO"));
      assertThat(g.adjacent['@']).containsExactly(nb("pP", "-=", "^~", "[{", ":*", ";+"));
      assertThat(g.adjacent['\u00a5']).containsExactly(nb("^~", null, null, null, null, "[{"));
      assertThat(g.adjacent['_']).containsExactly(nb("/?", ":*", "]}", null, null, null));
      assertThat(g.startingPositions).isEqualTo(95);
    }

    @Test
    void keypadNeighbours() {
      Keyboards.Graph g = keypad();
      assertThat(g.name).isEqualTo("keypad");
      assertThat(g.slanted).isFalse();
      assertThat(g.adjacent['5']).containsExactly(nb("4", "7", "8", "9", "6", "3", "2", "1"));
      assertThat(g.adjacent['0']).containsExactly(nb(null, "1", "2", "3", ".", null, null, null));
      assertThat(g.adjacent['7']).containsExactly(nb(null, null, null, "/", "8", "5", "4", null));
      assertThat(g.adjacent['+']).containsExactly(nb("9", "*", "-", null, null, null, null, "6"));
      assertThat(g.adjacent['/']).containsExactly(nb(null, null, null, null, "*", "9", "8", "7"));
      assertThat(g.adjacent['.']).containsExactly(nb("0", "2", "3", null, null, null, null, null));
      assertThat(g.startingPositions).isEqualTo(15);
      assertThat(g.averageDegree).isCloseTo(76.0 / 15, within(1e-12));
    }

    @Test
    void macKeypadNeighbours() {
      Keyboards.Graph g = macKeypad();
      assertThat(g.name).isEqualTo("mac_keypad");
      assertThat(g.adjacent['=']).containsExactly(nb(null, null, null, null, "/", "9", "8", "7"));
      assertThat(g.adjacent['+']).containsExactly(nb("6", "9", "-", null, null, null, null, "3"));
      assertThat(g.startingPositions).isEqualTo(16);
      assertThat(g.averageDegree).isCloseTo(84.0 / 16, within(1e-12));
    }

    @Test
    void qwertyAndDvorakCounts() {
      for (Keyboards.Graph g : new Keyboards.Graph[] {qwerty(), dvorak()}) {
        assertThat(g.startingPositions).isEqualTo(94);
        assertThat(g.averageDegree).isCloseTo(4.595744680851064, within(1e-12));
      }
    }

    @Test
    void stepPacksDirectionAndShift() {
      Keyboards.Graph g = qwerty();
      assertThat(g.step('q', 'w')).isEqualTo(4);
      assertThat(g.step('q', 'W')).isEqualTo(4 | 0x40);
      assertThat(g.step('q', '1')).isEqualTo(2);
      assertThat(g.step('q', '@')).isEqualTo(3 | 0x40);
      assertThat(g.step('q', 'a')).isEqualTo(5);
      assertThat(g.step('g', 'f')).isEqualTo(1);
      assertThat(g.step('g', 'V')).isEqualTo(6 | 0x40);
      assertThat(g.step('q', 'e')).isZero();
      assertThat(g.step('q', 'q')).isZero();
      // ASCII range boundaries: space and ~ are in the table, 31 and 127 take the slow path.
      assertThat(g.step(' ', 'a')).isZero();
      assertThat(g.step('a', ' ')).isZero();
      assertThat(g.step('1', '~')).isEqualTo(1 | 0x40);
      assertThat(g.step('~', '1')).isEqualTo(4);
      assertThat(g.step((char) 31, 'a')).isEqualTo(-1);
      assertThat(g.step('a', (char) 31)).isEqualTo(-1);
      assertThat(g.step((char) 127, 'a')).isEqualTo(-1);
      assertThat(g.step('a', (char) 127)).isEqualTo(-1);
      assertThat(keypad().step('5', '1')).isEqualTo(8);
      assertThat(keypad().step('5', '4')).isEqualTo(1);
      assertThat(keypad().step('0', '.')).isEqualTo(5);
      assertThat(keypad().step('0', 'a')).isZero();
      assertThat(jis().step('0', '-')).isEqualTo(4);
      assertThat(jis().step('0', '=')).isEqualTo(4 | 0x40);
    }

    @Test
    void shiftedCharacters() {
      Keyboards.Graph g = qwerty();
      assertThat(g.isShifted('Q')).isTrue();
      assertThat(g.isShifted('~')).isTrue();
      assertThat(g.isShifted('"')).isTrue();
      assertThat(g.isShifted('q')).isFalse();
      assertThat(g.isShifted('`')).isFalse();
      assertThat(g.isShifted('1')).isFalse();
      assertThat(g.isShifted((char) 255)).isFalse();
      assertThat(g.isShifted((char) 256)).isFalse();
      assertThat(g.isShifted('\u20ac')).isFalse();
      assertThat(jis().isShifted('"')).isTrue();
      assertThat(jis().isShifted('@')).isFalse();
      assertThat(jis().isShifted('`')).isTrue();
      assertThat(keypad().isShifted('+')).isFalse();
    }

    /** C(n, k) by factorials, independent of the class's Pascal table. */
    static double c(int n, int k) {
      double r = 1;
      for (int x = 1; x <= k; x++) {
        r = r * (n - k + x) / x;
      }
      return r;
    }

    @Test
    void walkTableMatchesZxcvbnFormula() {
      Keyboards.Graph g = qwerty();
      double s = 94;
      double d = 216.0 / 47;
      // len 3, 1 turn: i = 2 and i = 3 each contribute s * d.
      assertThat(g.walkLog10[3][1]).isCloseTo(Math.log10(2 * s * d), within(1e-9));
      // len 4, 2 turns: i=2: s d; i=3: s d + 2 s d^2; i=4: s d + 3 s d^2.
      assertThat(g.walkLog10[4][2]).isCloseTo(Math.log10(3 * s * d + 5 * s * d * d), within(1e-9));
      // len 6, 4 turns, summed by hand-written loops with a factorial binomial.
      double sum = 0;
      for (int i = 2; i <= 6; i++) {
        for (int j = 1; j <= Math.min(4, i - 1); j++) {
          sum += c(i - 1, j - 1) * s * Math.pow(d, j);
        }
      }
      assertThat(g.walkLog10[6][4]).isCloseTo(Math.log10(sum), within(1e-9));
      assertThat(g.walkLog10[0][0]).isZero();
      assertThat(g.walkLog10[1][5]).isZero();
      assertThat(g.walkLog10[7][0]).isZero();
      assertThat(g.walkLog10[2][1]).isCloseTo(Math.log10(s * d), within(1e-9));
      assertThat(g.walkLog10[2][9]).isCloseTo(Math.log10(s * d), within(1e-9));
      sum = 0;
      for (int i = 2; i <= 32; i++) {
        for (int j = 1; j <= Math.min(32, i - 1); j++) {
          sum += c(i - 1, j - 1) * s * Math.pow(d, j);
        }
      }
      assertThat(g.walkLog10[32][32]).isCloseTo(Math.log10(sum), within(1e-9));
      assertThat(g.walkLog10).hasDimensions(33, 33);
      double ks = 15;
      double kd = 76.0 / 15;
      assertThat(keypad().walkLog10[3][2])
          .isCloseTo(Math.log10(2 * ks * kd + 2 * ks * kd * kd), within(1e-9));
    }
  }
}
