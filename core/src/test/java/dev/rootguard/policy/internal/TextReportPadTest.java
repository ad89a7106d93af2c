package dev.rootguard.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TextReport#pad} counts East Asian wide and fullwidth characters (Unicode
 * EastAsianWidth.txt W/F) as two terminal columns and everything else as one.
 */
class TextReportPadTest {

  @ParameterizedTest(name = "U+{0}")
  // first and last code unit of each wide block, and common characters inside them
  @ValueSource(
      ints = {
        0x1100,
        0x115F, // Hangul Jamo initial consonants
        0x2E80,
        0x3042,
        0x4E00,
        0xA4CF, // CJK radicals .. Yi
        0xAC00,
        0xD55C,
        0xD7A3, // Hangul syllables
        0xF900,
        0xFAFF, // CJK compatibility ideographs
        0xFE30,
        0xFE4F, // CJK compatibility forms
        0xFF01,
        0xFF21,
        0xFF60, // fullwidth forms
        0xFFE0,
        0xFFE6 // fullwidth signs
      })
  void pad_wideCharacter_takesTwoColumns(int c) {
    String s = String.valueOf((char) c);

    assertThat(TextReport.pad(s, 4)).isEqualTo(s + "  ");
  }

  @ParameterizedTest(name = "U+{0}")
  // ASCII, Latin, and the narrow neighbours just outside the wide blocks
  @ValueSource(ints = {'a', ' ', 0xE9, 0x10FF, 0x1160, 0xA4D0, 0xFB00, 0xFF61, 0xFF71, 0xFFE8})
  void pad_narrowCharacter_takesOneColumn(int c) {
    String s = String.valueOf((char) c);

    assertThat(TextReport.pad(s, 4)).isEqualTo(s + "   ");
  }

  @org.junit.jupiter.api.Test
  void pad_atOrPastTheWidth_unchanged() {
    assertThat(TextReport.pad("[合格]", 6)).isEqualTo("[合格]");
    assertThat(TextReport.pad("[合格]", 5)).isEqualTo("[合格]");
    assertThat(TextReport.pad("[合格]", 7)).isEqualTo("[合格] ");
    assertThat(TextReport.pad("[PASS]", 6)).isEqualTo("[PASS]");
  }
}
