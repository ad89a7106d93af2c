package dev.rootguard.cli;

import java.util.Locale;

/** {@code --lang}: the language of reports and verdicts. */
enum Lang implements CliChoice {
  EN("en", Locale.ENGLISH),
  JA("ja", Locale.JAPANESE);

  private final String label;
  private final Locale locale;

  Lang(String label, Locale locale) {
    this.label = label;
    this.locale = locale;
  }

  @Override
  public String label() {
    return label;
  }

  /** The locale the reports and texts are rendered in. */
  Locale locale() {
    return locale;
  }

  /** Japanese when the JVM's default locale is, else English. */
  static Lang fromDefault() {
    return JA.locale.getLanguage().equals(Locale.getDefault().getLanguage()) ? JA : EN;
  }

  /** Picocli's converter and completion candidates for {@code --lang}. */
  static final class Converter extends CliChoice.Converter<Lang> {
    Converter() {
      super(Lang.class, "--lang", "must be en or ja");
    }
  }
}
