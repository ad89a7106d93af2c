package dev.rootguard.examples.cli;

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
}
