package dev.rootguard.cli;

import dev.rootguard.password.PasswordCheck;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The command line's own texts in English and Japanese, from the resource bundle {@code
 * dev/rootguard/cli/messages*.properties}: headings, prompts and verdict words. A locale other than
 * Japanese gets English, whatever the JVM's default locale (no fallback to it).
 *
 * <pre>{@code
 * out.println(CliTexts.get(Locale.JAPANESE, "demo.audit.heading"));
 * }</pre>
 *
 * <p>Thread-safe (resource bundles are cached and immutable).
 */
final class CliTexts {
  private static final String BUNDLE = "dev.rootguard.cli.messages";
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private CliTexts() {}

  /**
   * The text for a key.
   *
   * @param locale English or Japanese
   * @param key a key of {@code messages.properties}
   * @return the text
   * @throws java.util.MissingResourceException for an unknown key (a bug)
   */
  static String get(Locale locale, String key) {
    Locale l =
        Locale.JAPANESE.getLanguage().equals(locale.getLanguage()) ? Locale.JAPANESE : Locale.ROOT;
    return ResourceBundle.getBundle(BUNDLE, l, NO_FALLBACK).getString(key);
  }

  /** The verdict word of a password check: OK, valid with warnings, or violates. */
  static String verdict(PasswordCheck c, Locale locale) {
    return c.isRecommended()
        ? get(locale, "password.ok")
        : c.isValid() ? get(locale, "password.warn") : get(locale, "password.invalid");
  }
}
