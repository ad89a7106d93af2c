package dev.rootguard.password;

import java.util.Locale;
import java.util.Objects;

/**
 * The rules a {@link PasswordValidator} checks. Each {@link PasswordFinding} names one; whether it
 * is a violation (AWS would refuse the password) or a warning (AWS would take it, best practice
 * says no) depends on the rule and the {@link PasswordPolicy}.
 *
 * <p>New constants may be added in minor releases; handle {@code default} in a {@code switch}.
 *
 * <pre>{@code
 * if (check.has(PasswordRule.COMMON_PASSWORD)) {
 *   System.out.println(PasswordRule.COMMON_PASSWORD.description(Locale.JAPANESE));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public enum PasswordRule {
  /** Fewer characters than the policy's minimum (violation). */
  TOO_SHORT,
  /** More characters than the policy's maximum, 128 for every AWS preset (violation). */
  TOO_LONG,
  /** The policy requires an upper-case letter A-Z and there is none (violation). */
  MISSING_UPPERCASE,
  /** The policy requires a lower-case letter a-z and there is none (violation). */
  MISSING_LOWERCASE,
  /** The policy requires a digit 0-9 and there is none (violation). */
  MISSING_DIGIT,
  /** The policy requires one of its symbols and there is none (violation). */
  MISSING_SYMBOL,
  /** Fewer of the four character classes than the policy's minimum (violation). */
  TOO_FEW_CHARACTER_CLASSES,
  /** A character outside the set AWS accepts for this kind of password (violation). */
  DISALLOWED_CHARACTER,
  /** Identical, character for character, to the AWS account name (violation). */
  EQUALS_ACCOUNT_NAME,
  /** Identical, character for character, to the account's (root) e-mail address (violation). */
  EQUALS_EMAIL,
  /**
   * Contains the account name ignoring case, or equals it in a way AWS does not treat as identical
   * (warning).
   */
  CONTAINS_ACCOUNT_NAME,
  /**
   * Contains the e-mail address or its local part ignoring case, or equals it in a way AWS does not
   * treat as identical (warning).
   */
  CONTAINS_EMAIL,
  /** Contains the IAM user name, ignoring case (warning; AWS has no user-name rule). */
  CONTAINS_USER_NAME,
  /** Contains the 12-digit AWS account id (warning). */
  CONTAINS_ACCOUNT_ID,
  /**
   * A common password or a trivial variation of one (warning; a violation under {@link
   * PasswordPolicy#recommended()}).
   */
  COMMON_PASSWORD,
  /** Uses exactly three of the four character classes (warning). */
  ONLY_THREE_CLASSES,
  /**
   * Uses two or fewer of the four character classes while the policy asks for no more (warning).
   */
  FEW_CHARACTER_CLASSES,
  /** Shorter than the recommended length, 14 by default (warning). */
  SHORTER_THAN_RECOMMENDED,
  /** Matches one of the last passwords the policy's reuse prevention covers (violation). */
  PASSWORD_REUSED;

  /**
   * Returns a general description of the rule for a reader, without policy-specific numbers.
   *
   * @param locale the reader's locale (English and Japanese bundled; others fall back to English)
   * @return the description
   */
  public String description(Locale locale) {
    Objects.requireNonNull(locale, "locale");
    return RuleMessages.text(locale, name() + ".title");
  }
}
