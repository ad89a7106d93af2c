package dev.rootguard.policy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;

/**
 * The policy's English and Japanese texts, loaded once as {@link ResourceBundle}s from UTF-8
 * properties. Loaded explicitly (not with {@code ResourceBundle.getBundle}) so that an English
 * request never falls back to the JVM's default locale, and so it works on the module path.
 *
 * <p>Thread-safe.
 */
public final class Texts {
  private static final ResourceBundle EN = load("Messages.properties", null);
  private static final ResourceBundle JA = load("Messages_ja.properties", EN);

  private Texts() {}

  private static ResourceBundle load(String name, ResourceBundle parent) {
    try (InputStream in = Texts.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("bug: resource missing: " + name);
      }
      try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return new Bundle(r, parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Bundle extends PropertyResourceBundle {
    Bundle(Reader r, ResourceBundle parent) throws IOException {
      super(r);
      if (parent != null) {
        setParent(parent);
      }
    }
  }

  /**
   * Returns the bundle for a locale: Japanese for {@code ja}, English otherwise.
   *
   * @param locale the locale
   * @return the bundle
   */
  public static ResourceBundle bundle(Locale locale) {
    return isJapanese(locale) ? JA : EN;
  }

  /**
   * Returns whether the locale's language is Japanese.
   *
   * @param locale the locale
   * @return true for {@code ja}
   */
  public static boolean isJapanese(Locale locale) {
    return "ja".equals(locale.getLanguage());
  }

  /**
   * Returns a text.
   *
   * @param locale the locale
   * @param key the key
   * @return the text
   */
  public static String get(Locale locale, String key) {
    try {
      return bundle(locale).getString(key);
    } catch (MissingResourceException e) {
      throw new IllegalStateException("bug: no text for " + key, e);
    }
  }

  /**
   * Replaces each {@code @noun.xxx} token in an argument by its text in the locale, so that
   * evidence arguments can name things ("console password") in either language.
   *
   * @param locale the locale
   * @param arg the argument
   * @return the argument with tokens replaced
   */
  public static String nouns(Locale locale, String arg) {
    if (arg.indexOf('@') < 0) {
      return arg;
    }
    java.util.regex.Matcher m = NOUN.matcher(arg);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String key = m.group(1);
      m.appendReplacement(
          sb, java.util.regex.Matcher.quoteReplacement(has(key) ? get(locale, key) : m.group()));
    }
    m.appendTail(sb);
    String out = sb.toString();
    return isJapanese(locale) ? out.replace(", ", "、") : out;
  }

  private static final java.util.regex.Pattern NOUN =
      java.util.regex.Pattern.compile("@(noun\\.[A-Za-z]+)");

  /**
   * Returns whether a key exists in the English bundle.
   *
   * @param key the key
   * @return true if present
   */
  public static boolean has(String key) {
    return EN.containsKey(key);
  }

  /**
   * Returns a text with {@code {0}}, {@code {1}}, ... replaced by the arguments (no {@code
   * MessageFormat} quoting rules: apostrophes are literal).
   *
   * @param locale the locale
   * @param key the key
   * @param args the arguments
   * @return the text
   */
  public static String format(Locale locale, String key, List<String> args) {
    String t = get(locale, key);
    if (args.isEmpty() || t.indexOf('{') < 0) {
      return t;
    }
    StringBuilder sb = new StringBuilder(t.length() + 32);
    int i = 0;
    while (i < t.length()) {
      char c = t.charAt(i);
      if (c == '{') {
        int close = t.indexOf('}', i);
        if (close > i + 1) {
          String n = t.substring(i + 1, close);
          if (n.chars().allMatch(Character::isDigit)) {
            int idx = Integer.parseInt(n);
            sb.append(idx < args.size() ? nouns(locale, args.get(idx)) : "?");
            i = close + 1;
            continue;
          }
        }
      }
      sb.append(c);
      i++;
    }
    return sb.toString();
  }
}
