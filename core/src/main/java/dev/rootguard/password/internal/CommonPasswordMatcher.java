package dev.rootguard.password.internal;

import dev.rootguard.password.PasswordDictionary;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a common password in a candidate, including trivial variations. CONTRACT STUB: the real
 * matcher (leetspeak, appended digits/years/symbols) replaces the body; the signature stays.
 */
public final class CommonPasswordMatcher {
  private CommonPasswordMatcher() {}

  /** How a candidate relates to a listed password. */
  public enum Variation {
    /** Listed as is (ignoring case). */
    EXACT,
    /** Listed after undoing a trivial variation (case, leetspeak, appended digits/year/symbols). */
    VARIATION
  }

  /**
   * Returns how the candidate matches a listed password, if it does.
   *
   * @param candidate the password
   * @param dictionary the list
   * @return the match, or empty
   */
  public static Optional<Variation> find(CharSequence candidate, PasswordDictionary dictionary) {
    if (dictionary.contains(candidate)) {
      return Optional.of(Variation.EXACT);
    }
    String s = candidate.toString().toLowerCase(Locale.ROOT).replaceAll("[0-9!@#$%^&*]+$", "");
    return !s.isEmpty() && dictionary.contains(s) ? Optional.of(Variation.VARIATION) : Optional.empty();
  }
}
