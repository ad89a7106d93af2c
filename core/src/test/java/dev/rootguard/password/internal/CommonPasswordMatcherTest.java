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
}
