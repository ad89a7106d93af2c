package dev.rootguard.password.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootguard.password.PasswordDictionary;
import dev.rootguard.password.internal.CommonPasswordMatcher.Variation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommonPasswordMatcherTest {
  static final PasswordDictionary BUNDLED = PasswordDictionary.bundled();

  @ParameterizedTest
  @ValueSource(
      strings = {"secret", "password", "amazon", "123456", "PASSWORD", "Secret", "p@ssw0rd"})
  void find_listedWord_exact(String pw) {
    assertThat(CommonPasswordMatcher.find(pw, BUNDLED)).contains(Variation.EXACT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Password1!",
        "amazon123",
        "Amazon2024",
        "secret!",
        "Secret1999",
        "S3cr3t",
        "$ecret!",
        "p@$$w0rd",
        "P4ssw0rd2023!",
        "123456!",
        "!123456",
        "99amazon",
        "Amaz0n!!",
        "s3cr3t99",
        "1234562024",
        "123456!9",
        "Monkey12345",
        "Dragon#2020",
        "qwerty!@#",
        "PASSWORD2025"
      })
  void find_trivialVariation_flagged(String pw) {
    assertThat(CommonPasswordMatcher.find(pw, BUNDLED)).contains(Variation.VARIATION);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "correct horse battery staple",
        "Xk9#mQ2!vL7@",
        "tR0ub4dor&3x",
        "a1!",
        "12!",
        "9f8e7d6c5b4a",
        "ok",
        "",
        "\uD800\uDC00\uDFFF"
      })
  void find_unrelated_empty(String pw) {
    assertThat(CommonPasswordMatcher.find(pw, BUNDLED)).isEmpty();
  }

  @Test
  void find_worksWithAnyDictionaryImplementation() {
    PasswordDictionary custom = PasswordDictionary.of(List.of("acme-prod"));
    assertThat(CommonPasswordMatcher.find("ACME-prod2024!", custom)).contains(Variation.VARIATION);
    assertThat(CommonPasswordMatcher.find("acme-prod", custom)).contains(Variation.EXACT);
  }

  @Test
  void find_shortCoreIsNotAVariation() {
    PasswordDictionary d = PasswordDictionary.of(List.of("abc"));
    assertThat(CommonPasswordMatcher.find("abc123", d)).isEqualTo(Optional.empty());
  }

  @Test
  void find_veryLongInput_onlyExact() {
    String longPw = "password" + "1".repeat(10_000);
    assertThat(CommonPasswordMatcher.find(longPw, BUNDLED)).isEmpty();
  }

  /** 7 reads as l as well as t (zxcvbn's table, the one the strength estimate uses). */
  @ParameterizedTest
  @ValueSource(strings = {"he77o", "He77o2024", "7ove7y!", "baseba77"})
  void find_sevenReadAsL_flagged(String pw) {
    assertThat(CommonPasswordMatcher.find(pw, BUNDLED)).contains(Variation.VARIATION);
  }

  /** Each ambiguous character is read on its own: 1 as i and | as l in the same core. */
  @Test
  void find_ambiguousCharactersReadIndependently() {
    PasswordDictionary d = PasswordDictionary.of(List.of("kilt-ilk"));
    assertThat(CommonPasswordMatcher.find("k1|7-1|k", d)).contains(Variation.VARIATION);
    // but one character is read the same way throughout the core
    assertThat(CommonPasswordMatcher.find("k1|7-|1k", d)).isEmpty();
  }

  /**
   * Every (character, letter) pair of zxcvbn's documented l33t table is undone, each in a core of
   * its own; the estimator and the matcher read one table, so a pair missing here is missing in
   * both.
   */
  @Test
  void find_undoesEveryPairOfTheL33tTable() {
    String[][] table = {
      {"a", "4@"}, {"b", "8"}, {"c", "({[<"}, {"e", "3"}, {"g", "69"}, {"i", "1!|"},
      {"l", "1|7"}, {"o", "0"}, {"s", "$5"}, {"t", "+7"}, {"x", "%"}, {"z", "2"}
    };
    for (String[] row : table) {
      PasswordDictionary d = PasswordDictionary.of(List.of("qq" + row[0] + "qq"));
      for (char sub : row[1].toCharArray()) {
        assertThat(CommonPasswordMatcher.find("qq" + sub + "qq", d))
            .as("%s as %s", sub, row[0])
            .contains(Variation.VARIATION);
      }
    }
  }
}
