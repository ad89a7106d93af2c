package dev.rootguard.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TextsTest {
  static Properties load(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = dev.rootguard.policy.internal.Texts.class.getResourceAsStream(name)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  static TreeSet<String> placeholders(String s) {
    TreeSet<String> out = new TreeSet<>();
    Matcher m = Pattern.compile("\\{\\d+}").matcher(s);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  @Test
  void everyEnglishKeyHasAJapaneseTextWithTheSamePlaceholders() throws IOException {
    Properties en = load("Messages.properties");
    Properties ja = load("Messages_ja.properties");
    assertThat(ja.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
    for (String key : en.stringPropertyNames()) {
      assertThat(placeholders(ja.getProperty(key)))
          .as(key)
          .isEqualTo(placeholders(en.getProperty(key)));
      if (!key.startsWith("status.") && !key.startsWith("severity.")) {
        assertThat(ja.getProperty(key))
            .as(key + " is translated")
            .isNotEqualTo(en.getProperty(key));
      }
    }
  }

  @Test
  void everyControlHasTitleRationaleAndRemediation_inBothLanguages() {
    for (Control c : Control.values()) {
      for (Locale l : new Locale[] {Locale.ENGLISH, Locale.JAPANESE}) {
        assertThat(c.title(l)).isNotBlank();
        assertThat(c.rationale(l)).isNotBlank();
        assertThat(c.remediation(l)).isNotBlank();
      }
      assertThat(c.title(Locale.JAPANESE))
          .containsPattern("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}]");
    }
  }

  @Test
  void otherLocales_getEnglish_evenWhenTheDefaultIsJapanese() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.JAPAN);
      assertThat(Control.ROOT_MFA_ENABLED.title(Locale.ENGLISH))
          .isEqualTo("MFA is enabled for the root user");
      assertThat(Control.ROOT_MFA_ENABLED.title(Locale.FRENCH))
          .isEqualTo("MFA is enabled for the root user");
      assertThat(Control.ROOT_MFA_ENABLED.title(Locale.JAPAN)).isEqualTo("ルートユーザーの MFA が有効になっている");
    } finally {
      Locale.setDefault(before);
    }
  }
}
