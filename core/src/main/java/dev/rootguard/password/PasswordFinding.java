package dev.rootguard.password;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One reason a password is refused or discouraged: the {@link PasswordRule}, whether it is a
 * violation or a warning, the policy limit involved (if any) and a reader-facing message.
 *
 * <p>Findings depend only on the policy, never on the password: a message never contains the
 * password or any part of it, nor its length.
 *
 * <pre>{@code
 * for (PasswordFinding f : check.violations()) {
 *   System.out.println(f.rule() + ": " + f.message(Locale.JAPANESE));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class PasswordFinding {

  /**
   * How serious a finding is.
   *
   * <p>Immutable and thread-safe.
   *
   * @since 0.1.0
   */
  public enum Severity {
    /** AWS would refuse the password (or the policy forbids it outright). */
    VIOLATION,
    /** AWS would accept the password, but best practice advises against it. */
    WARNING
  }

  private static final int NO_LIMIT = -1;

  private final PasswordRule rule;
  private final Severity severity;
  private final int limit;
  private final String messageKey;

  private PasswordFinding(PasswordRule rule, Severity severity, int limit, String messageKey) {
    this.rule = Objects.requireNonNull(rule, "rule");
    this.severity = Objects.requireNonNull(severity, "severity");
    this.limit = limit;
    this.messageKey = Objects.requireNonNull(messageKey, "messageKey");
  }

  static PasswordFinding of(PasswordRule rule, Severity severity) {
    return new PasswordFinding(rule, severity, NO_LIMIT, rule.name());
  }

  static PasswordFinding of(PasswordRule rule, Severity severity, int limit) {
    return new PasswordFinding(rule, severity, limit, rule.name());
  }

  static PasswordFinding withVariant(PasswordRule rule, Severity severity, String variant) {
    return new PasswordFinding(rule, severity, NO_LIMIT, rule.name() + "." + variant);
  }

  /**
   * Returns the rule.
   *
   * @return the rule
   */
  public PasswordRule rule() {
    return rule;
  }

  /**
   * Returns whether this is a violation or a warning.
   *
   * @return the severity
   */
  public Severity severity() {
    return severity;
  }

  /**
   * Returns whether this is a violation.
   *
   * @return true for {@link Severity#VIOLATION}
   */
  public boolean isViolation() {
    return severity == Severity.VIOLATION;
  }

  /**
   * Returns the policy limit the rule measures against: the minimum length for {@link
   * PasswordRule#TOO_SHORT}, the maximum for {@link PasswordRule#TOO_LONG}, the required number of
   * classes for {@link PasswordRule#TOO_FEW_CHARACTER_CLASSES}, the recommended length for {@link
   * PasswordRule#SHORTER_THAN_RECOMMENDED}, the number of remembered passwords for {@link
   * PasswordRule#PASSWORD_REUSED}. Empty for the other rules.
   *
   * @return the limit, or empty
   */
  public OptionalInt limit() {
    return limit == NO_LIMIT ? OptionalInt.empty() : OptionalInt.of(limit);
  }

  /**
   * Returns the message for a reader, e.g. "The password must be at least 8 characters long."
   *
   * @param locale the reader's locale (English and Japanese bundled; others fall back to English)
   * @return the message; never contains the password
   */
  public String message(Locale locale) {
    Objects.requireNonNull(locale, "locale");
    return limit == NO_LIMIT
        ? RuleMessages.text(locale, messageKey)
        : RuleMessages.text(locale, messageKey, limit);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PasswordFinding f
        && rule == f.rule
        && severity == f.severity
        && limit == f.limit
        && messageKey.equals(f.messageKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rule, severity, limit, messageKey);
  }

  @Override
  public String toString() {
    return severity + " " + rule + (limit == NO_LIMIT ? "" : "(" + limit + ")");
  }
}
