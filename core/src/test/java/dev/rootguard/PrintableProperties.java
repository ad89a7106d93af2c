package dev.rootguard;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;

class PrintableProperties {
  @Property
  void escaped_neverContainsControlOrFormatCharacters(@ForAll String s) {
    String e = Printable.escape(s + "\u202E\u200B\u0000\u2028" + s);
    e.codePoints()
        .forEach(
            cp -> {
              int t = Character.getType(cp);
              assertThat(t)
                  .isNotIn(
                      (int) Character.CONTROL,
                      (int) Character.FORMAT,
                      (int) Character.SURROGATE,
                      (int) Character.LINE_SEPARATOR,
                      (int) Character.PARAGRAPH_SEPARATOR);
            });
  }

  @Property
  void printableAscii_keptAsIs(@ForAll @CharRange(from = ' ', to = '~') String s) {
    assertThat(Printable.escape(s)).isEqualTo(s);
  }

  @Example
  void bidiOverride_shownAsEscape() {
    assertThat(Printable.escape("ab\u202Ecd")).isEqualTo("ab\\u202Ecd");
    assertThat(Printable.escape("x\uDB40\uDC01")).isEqualTo("x\\U000E0001");
  }

  @Example
  void lineBreaksAndSeparators_escaped_pairsOfPrintableCharactersKept() {
    assertThat(Printable.escape("a\nb\tc\u2028d\u2029e"))
        .isEqualTo("a\\u000Ab\\u0009c\\u2028d\\u2029e");
    assertThat(Printable.escape("\uD83D\uDE00 \u65E5")).isEqualTo("\uD83D\uDE00 \u65E5");
    assertThat(Printable.escape("\uDC00\uD800")).isEqualTo("\\uDC00\\uD800");
  }

  @Example
  void isUnsafe_agreesWithTheGeneralCategories_forEveryCodePoint() {
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      int t = Character.getType(cp);
      boolean expected =
          t == Character.CONTROL
              || t == Character.FORMAT
              || t == Character.LINE_SEPARATOR
              || t == Character.PARAGRAPH_SEPARATOR
              || t == Character.SURROGATE;
      if (Printable.isUnsafe(cp) != expected) {
        assertThat(Printable.isUnsafe(cp)).as("U+%04X", cp).isEqualTo(expected);
      }
    }
  }
}
