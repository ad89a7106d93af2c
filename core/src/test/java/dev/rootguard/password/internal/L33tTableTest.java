package dev.rootguard.password.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class L33tTableTest {
  /** The table is zxcvbn 4.4.2's documented one, character by character (a hand-written copy). */
  @Test
  void letters_areZxcvbnsTable() {
    for (char c = 0; c < 0x80; c++) {
      String expected = ReferenceMatcher.LEET.get(c);
      assertThat(L33tTable.letters(c)).as("'%s'", c).isEqualTo(expected);
    }
    assertThat(L33tTable.letters('\u00e4')).isNull();
    assertThat(L33tTable.letters('\uff14')).as("full-width 4").isNull();
  }

  @Test
  void read_picksTheLetterOfTheSlot() {
    assertThat(L33tTable.read('1', 0)).isEqualTo('i');
    assertThat(L33tTable.read('1', 1 << L33tTable.slot('1'))).isEqualTo('l');
    assertThat(L33tTable.read('|', 1 << L33tTable.slot('|'))).isEqualTo('l');
    assertThat(L33tTable.read('7', 0)).isEqualTo('l');
    assertThat(L33tTable.read('7', 1 << L33tTable.slot('7'))).isEqualTo('t');
    assertThat(L33tTable.read('7', 1 << L33tTable.slot('1')))
        .as("another slot's bit")
        .isEqualTo('l');
    assertThat(L33tTable.read('@', 7)).isEqualTo('a');
    assertThat(L33tTable.read('q', 7)).isEqualTo('q');
    assertThat(L33tTable.slot('!')).isEqualTo(-1);
  }
}
