package dev.rootguard.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RuleMessagesTest {
  static boolean hasJapanese(String s) {
    return s.codePoints()
        .anyMatch(
            c ->
                Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA
                    || Character.UnicodeScript.of(c) == Character.UnicodeScript.KATAKANA
                    || Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }

  @ParameterizedTest
  @EnumSource(PasswordRule.class)
  void everyRule_hasEnglishAndJapaneseMessageAndTitle(PasswordRule rule) {
    ResourceBundle en = ResourceBundle.getBundle(RuleMessages.BUNDLE, Locale.ROOT);
    ResourceBundle ja = ResourceBundle.getBundle(RuleMessages.BUNDLE, Locale.JAPANESE);
    assertThat(ja.getLocale().getLanguage()).isEqualTo("ja");
    for (String key : new String[] {rule.name(), rule.name() + ".title"}) {
      assertThat(en.containsKey(key)).as("en %s", key).isTrue();
      assertThat(RuleMessages.has(Locale.JAPANESE, key)).as("ja %s", key).isTrue();
      assertThat(hasJapanese(ja.getString(key))).as("ja %s is Japanese", key).isTrue();
      assertThat(hasJapanese(en.getString(key))).as("en %s is English", key).isFalse();
    }
    assertThat(rule.description(Locale.JAPANESE)).isNotEqualTo(rule.description(Locale.ENGLISH));
  }

  @ParameterizedTest
  @EnumSource(PasswordRule.class)
  void everyFinding_rendersInBothLanguages_withoutPlaceholders(PasswordRule rule) {
    PasswordPolicy[] policies = {
      PasswordPolicy.awsRootUser(),
      PasswordPolicy.awsIamDefault(),
      PasswordPolicy.cisAwsFoundations()
    };
    for (PasswordPolicy p : policies) {
      PasswordValidator v = PasswordValidator.of(p);
      PasswordFinding[] all = {
        tableEntry(v, rule, PasswordFinding.Severity.VIOLATION),
        tableEntry(v, rule, PasswordFinding.Severity.WARNING)
      };
      for (PasswordFinding f : all) {
        String en = f.message(Locale.ENGLISH);
        String ja = f.message(Locale.JAPANESE);
        assertThat(en).doesNotContain("{0}").isNotEqualTo(rule.name()).doesNotContain(rule.name());
        assertThat(ja).doesNotContain("{0}").isNotEqualTo(en);
        assertThat(hasJapanese(ja)).isTrue();
      }
    }
  }

  @Test
  void variants_exist() {
    for (String k :
        new String[] {
          "MISSING_SYMBOL.root",
          "MISSING_SYMBOL.iam",
          "DISALLOWED_CHARACTER.ascii",
          "DISALLOWED_CHARACTER.iam"
        }) {
      assertThat(RuleMessages.has(Locale.JAPANESE, k)).as(k).isTrue();
      assertThat(RuleMessages.text(Locale.ENGLISH, k)).as(k).isNotEqualTo(k);
    }
  }

  @Test
  void otherLocale_fallsBackToEnglish() {
    assertThat(PasswordRule.TOO_LONG.description(Locale.GERMAN)).isEqualTo("Too long");
  }

  private static PasswordFinding tableEntry(
      PasswordValidator v, PasswordRule r, PasswordFinding.Severity s) {
    return v.findingFor(r, s);
  }
}
