package dev.rootguard.password;

import java.util.Locale;
import java.util.Objects;

/**
 * Why a password is easy to guess, with advice. CONTRACT STUB: constants may be added.
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
  /** Too short to resist guessing. */
  TOO_SHORT,
  /** A common password or a variation of one. */
  COMMON_PASSWORD;

  /**
   * Returns the hint for a reader.
   *
   * @param locale the reader's locale (English and Japanese bundled)
   * @return the message
   */
  public String message(Locale locale) {
    Objects.requireNonNull(locale, "locale");
    return name();
  }
}
