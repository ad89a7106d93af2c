package dev.rootguard.policy;

import dev.rootguard.policy.internal.Texts;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Why a control got its status, in plain words, available in English and Japanese: a message key
 * and its arguments (dates, counts, device serials), rendered per locale.
 *
 * <pre>{@code
 * String en = finding.evidence().text(Locale.ENGLISH);
 * String ja = finding.evidence().text(Locale.JAPANESE);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the message key (stable; e.g. {@code "evidence.mfa.disabled"})
 * @param args the arguments, already formatted (ISO dates, numbers)
 * @since 0.1.0
 */
public record Evidence(String key, List<String> args) {
  /** Checks the arguments and copies the list. */
  public Evidence {
    Objects.requireNonNull(key, "key");
    args = List.copyOf(args);
  }

  /**
   * Returns evidence with these arguments.
   *
   * @param key the message key
   * @param args the arguments
   * @return the evidence
   */
  public static Evidence of(String key, String... args) {
    return new Evidence(key, List.of(args));
  }

  /**
   * Returns the evidence as a sentence.
   *
   * @param locale English or Japanese (other locales get English)
   * @return the text
   */
  public String text(Locale locale) {
    return Texts.format(Objects.requireNonNull(locale, "locale"), key, args);
  }
}
