package dev.rootguard.password.internal;

/**
 * The one l33t (leetspeak) table of the password code: which letters a substituted character may
 * stand for. It is zxcvbn 4.4.2's documented {@code l33t_table}, unchanged:
 *
 * <pre>
 * a: 4 @      b: 8        c: ( { [ &lt;   e: 3      g: 6 9     i: 1 ! |
 * l: 1 | 7    o: 0        s: $ 5         t: + 7    x: %       z: 2
 * </pre>
 *
 * <p>Three characters are ambiguous: {@code 1} and {@code |} read as i or l, {@code 7} as l or t.
 * Both users read an ambiguous character the same way everywhere in one token (as zxcvbn does) and
 * try each reading: the strength estimator ({@code StrengthEstimator}, through its dictionary
 * matcher) weighs every reading; {@link CommonPasswordMatcher} tries every reading of a core. Each
 * ambiguous character has a <em>slot</em> (0 to 2) so that a reading can be held in a few bits.
 *
 * <p>Stateless and thread-safe. Example: {@code L33tTable.letters('7')} is {@code "lt"}, {@code
 * L33tTable.read('7', 1 << L33tTable.slot('7'))} is {@code 't'}.
 */
final class L33tTable {
  private L33tTable() {}

  /** Number of ambiguous characters ({@code 1}, {@code |}, {@code 7}). */
  static final int AMBIGUOUS = 3;

  /** For each ASCII char, the letters it may stand for, in table order; null if none. */
  private static final String[] LETTERS = new String[128];

  static {
    String[][] table = {
      {"a", "4@"},
      {"b", "8"},
      {"c", "({[<"},
      {"e", "3"},
      {"g", "69"},
      {"i", "1!|"},
      {"l", "1|7"},
      {"o", "0"},
      {"s", "$5"},
      {"t", "+7"},
      {"x", "%"},
      {"z", "2"}
    };
    for (String[] row : table) {
      for (char sub : row[1].toCharArray()) {
        LETTERS[sub] = LETTERS[sub] == null ? row[0] : LETTERS[sub] + row[0];
      }
    }
  }

  /**
   * Returns the letters {@code c} may stand for, in table order ({@code "il"} for {@code 1}), or
   * null if {@code c} is no l33t character.
   */
  static String letters(char c) {
    return c < 0x80 ? LETTERS[c] : null;
  }

  /** Returns the slot (0 to {@value #AMBIGUOUS} - 1) of an ambiguous character, or -1. */
  static int slot(char c) {
    return c == '1' ? 0 : c == '|' ? 1 : c == '7' ? 2 : -1;
  }

  /**
   * Returns the letter {@code c} stands for under a reading, or {@code c} itself if it is no l33t
   * character. Bit {@code slot(c)} of {@code reading} picks an ambiguous character's second letter
   * ({@code 1}: l, {@code |}: l, {@code 7}: t); unambiguous characters have one letter.
   *
   * @param c the character
   * @param reading one bit per slot
   * @return the letter
   */
  static char read(char c, int reading) {
    return c < 0x80 ? READ[reading & ((1 << AMBIGUOUS) - 1)][c] : c;
  }

  /** {@link #read} for each reading and ASCII char, precomputed from the table (2 KiB). */
  private static final char[][] READ = new char[1 << AMBIGUOUS][128];

  static {
    for (int reading = 0; reading < READ.length; reading++) {
      for (char c = 0; c < 128; c++) {
        String options = LETTERS[c];
        int s = slot(c);
        READ[reading][c] = options == null ? c : options.charAt(s < 0 ? 0 : (reading >>> s) & 1);
      }
    }
  }
}
