package dev.rootguard.password;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Looks up the validator's user-facing texts in the {@code RuleMessages} bundles (en, ja). */
final class RuleMessages {
  static final String BUNDLE = "dev.rootguard.password.RuleMessages";

  private RuleMessages() {}

  /**
   * Returns the bundle for the reader's language: Japanese for {@code ja}, English otherwise. The
   * lookup never falls back to the JVM's default locale, so English stays English on a Japanese
   * machine.
   */
  static ResourceBundle bundle(Locale locale) {
    return ResourceBundle.getBundle(
        BUNDLE, "ja".equals(locale.getLanguage()) ? Locale.JAPANESE : Locale.ROOT);
  }

  static String text(Locale locale, String key, Object... args) {
    String pattern;
    try {
      pattern = bundle(locale).getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
    return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
  }

  static boolean has(Locale locale, String key) {
    try {
      ResourceBundle b = bundle(locale);
      return b.containsKey(key) && b.getLocale().getLanguage().equals(locale.getLanguage());
    } catch (MissingResourceException e) {
      return false;
    }
  }
}
