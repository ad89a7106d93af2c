package dev.rootguard.password;

import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Why a password is easy to guess, or what would make it harder, as the strength estimate reports
 * it ({@link Strength#hints()}). Modelled on zxcvbn's feedback; English and Japanese texts are
 * bundled.
 *
 * <p>New constants may be added in minor releases; handle {@code default}.
 *
 * <pre>{@code
 * for (StrengthHint h : strength.hints()) System.out.println(h.message(Locale.JAPANESE));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public enum StrengthHint {
  /** Shorter than 12 characters and easy to guess. */
  TOO_SHORT,
  /** A common password as it is. */
  COMMON_PASSWORD,
  /** A common password with small changes (l33t, reversed, digits or symbols added). */
  VARIATION_OF_COMMON,
  /** A single dictionary word. */
  SINGLE_WORD,
  /** Made of common words. */
  COMMON_WORDS,
  /** Made of common first names or surnames. */
  NAMES,
  /** A straight row of keys ({@code qwerty}, {@code asdf}). */
  STRAIGHT_ROW,
  /** A short keyboard pattern with turns ({@code 1qaz2wsx}), on US or Japanese keyboards. */
  KEYBOARD_PATTERN,
  /** Repeated characters or repeated words ({@code aaa}, {@code abcabc}). */
  REPEATS,
  /** A sequence ({@code abc}, {@code 6543}). */
  SEQUENCE,
  /** A recent year or a date. */
  DATE_OR_YEAR,
  /** Contains the account name, e-mail, user name or another context word. */
  CONTAINS_PERSONAL_INFO,
  /** Capitalising the first letter does not help much. */
  CAPITALIZATION,
  /** All upper case is nearly as easy to guess as all lower case. */
  ALL_UPPERCASE,
  /** Reversed words are not much harder to guess. */
  REVERSED_WORDS,
  /** Predictable substitutions ({@code @} for {@code a}) do not help much. */
  PREDICTABLE_SUBSTITUTIONS,
  /** Add another word or two; uncommon words are better. */
  ADD_MORE_WORDS,
  /** Use a few uncommon words; avoid common phrases. */
  USE_A_FEW_WORDS;

  private static final String BUNDLE = "dev.rootguard.password.StrengthHints";

  /**
   * Returns the hint for a reader.
   *
   * @param locale the reader's locale (English and Japanese bundled; others fall back to English)
   * @return the message
   * @throws NullPointerException if {@code locale} is null
   */
  public String message(Locale locale) {
    Objects.requireNonNull(locale, "locale");
    // Only two languages: pick one explicitly so the JVM's default locale never leaks in.
    Locale bundled = "ja".equals(locale.getLanguage()) ? Locale.JAPANESE : Locale.ROOT;
    return ResourceBundle.getBundle(BUNDLE, bundled).getString(name());
  }
}
