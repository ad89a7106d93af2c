package dev.rootguard.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StrengthHintTest {
  @ParameterizedTest
  @EnumSource(StrengthHint.class)
  void message_everyHint_hasEnglishAndJapanese(StrengthHint hint) {
    String en = hint.message(Locale.ENGLISH);
    String ja = hint.message(Locale.JAPANESE);
    assertThat(en).isNotBlank().isNotEqualTo(hint.name()).matches("\\p{ASCII}+");
    assertThat(ja).isNotBlank().isNotEqualTo(en);
    assertThat(
            ja.codePoints()
                .anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HIRAGANA))
        .as("natural Japanese, not romaji: %s", ja)
        .isTrue();
    assertThat(hint.message(Locale.JAPAN)).isEqualTo(ja);
  }

  @Test
  void message_otherLocales_fallBackToEnglish_notToTheJvmDefault() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.JAPAN);
      assertThat(StrengthHint.TOO_SHORT.message(Locale.FRENCH))
          .isEqualTo(StrengthHint.TOO_SHORT.message(Locale.ENGLISH));
      assertThat(StrengthHint.TOO_SHORT.message(Locale.ROOT))
          .isEqualTo(StrengthHint.TOO_SHORT.message(Locale.ENGLISH));
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void message_textsAreDistinct() {
    Set<String> en = new HashSet<>();
    Set<String> ja = new HashSet<>();
    for (StrengthHint h : StrengthHint.values()) {
      assertThat(en.add(h.message(Locale.ENGLISH))).as(h.name()).isTrue();
      assertThat(ja.add(h.message(Locale.JAPANESE))).as(h.name()).isTrue();
    }
  }
}
