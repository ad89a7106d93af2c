package dev.rootguard.policy;

import dev.rootguard.InvalidInputException;
import dev.rootguard.password.IamPasswordPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link Control#IAM_PASSWORD_POLICY} requires of the account's IAM password policy. An
 * account without a custom policy (AWS's default applies) never meets a baseline, as AWS Config's
 * {@code iam-password-policy} rule decides.
 *
 * <pre>{@code
 * PasswordPolicyBaseline.cis();              // length >= 14, reuse prevention >= 24
 * PasswordPolicyBaseline.awsConfigDefaults(); // also upper, lower, symbol, number, max age 90
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param name a short name shown in reports ({@code "CIS"})
 * @param minimumLength required {@code MinimumPasswordLength}, at least this (6..128)
 * @param minimumReusePrevention required {@code PasswordReusePrevention}, at least this (0..24; 0 =
 *     not required)
 * @param requireUppercase {@code RequireUppercaseCharacters} must be true
 * @param requireLowercase {@code RequireLowercaseCharacters} must be true
 * @param requireSymbols {@code RequireSymbols} must be true
 * @param requireNumbers {@code RequireNumbers} must be true
 * @param maxPasswordAgeDays passwords must expire within this many days (1..1095), or 0 for no
 *     requirement
 * @since 0.1.0
 */
public record PasswordPolicyBaseline(
    String name,
    int minimumLength,
    int minimumReusePrevention,
    boolean requireUppercase,
    boolean requireLowercase,
    boolean requireSymbols,
    boolean requireNumbers,
    int maxPasswordAgeDays) {

  /**
   * Checks the ranges.
   *
   * @throws InvalidInputException naming the field out of range
   */
  public PasswordPolicyBaseline {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("name", "must not be blank");
    }
    if (minimumLength < 6 || minimumLength > 128) {
      throw new InvalidInputException("minimumLength", "must be 6..128, was " + minimumLength);
    }
    if (minimumReusePrevention < 0 || minimumReusePrevention > 24) {
      throw new InvalidInputException(
          "minimumReusePrevention", "must be 0..24, was " + minimumReusePrevention);
    }
    if (maxPasswordAgeDays < 0 || maxPasswordAgeDays > 1095) {
      throw new InvalidInputException(
          "maxPasswordAgeDays", "must be 0..1095, was " + maxPasswordAgeDays);
    }
  }

  /**
   * Returns the CIS AWS Foundations baseline: minimum length 14 and reuse prevention 24 (CIS v1.4.0
   * onward; Security Hub {@code IAM.15}, {@code IAM.16}).
   *
   * @return the baseline
   */
  public static PasswordPolicyBaseline cis() {
    return new PasswordPolicyBaseline("CIS", 14, 24, false, false, false, false, 0);
  }

  /**
   * Returns AWS Config {@code iam-password-policy}'s default parameters: length 14, reuse 24,
   * uppercase, lowercase, symbols and numbers required, expiry within 90 days.
   *
   * @return the baseline
   */
  public static PasswordPolicyBaseline awsConfigDefaults() {
    return new PasswordPolicyBaseline("AWS Config", 14, 24, true, true, true, true, 90);
  }

  /**
   * Returns the wire names of the fields the policy falls short on, with the required value, e.g.
   * {@code "MinimumPasswordLength >= 14 (is 8)"}.
   *
   * @param p the account's policy
   * @return the shortfalls, empty if the policy meets the baseline
   */
  public List<String> shortfalls(IamPasswordPolicy p) {
    List<String> out = new ArrayList<>();
    if (p.minimumPasswordLength() < minimumLength) {
      out.add("MinimumPasswordLength >= " + minimumLength + " (" + p.minimumPasswordLength() + ")");
    }
    if (p.passwordReusePrevention() < minimumReusePrevention) {
      out.add(
          "PasswordReusePrevention >= "
              + minimumReusePrevention
              + " ("
              + p.passwordReusePrevention()
              + ")");
    }
    if (requireUppercase && !p.requireUppercaseCharacters()) {
      out.add("RequireUppercaseCharacters = true");
    }
    if (requireLowercase && !p.requireLowercaseCharacters()) {
      out.add("RequireLowercaseCharacters = true");
    }
    if (requireSymbols && !p.requireSymbols()) {
      out.add("RequireSymbols = true");
    }
    if (requireNumbers && !p.requireNumbers()) {
      out.add("RequireNumbers = true");
    }
    if (maxPasswordAgeDays > 0
        && (p.maxPasswordAge() == 0 || p.maxPasswordAge() > maxPasswordAgeDays)) {
      out.add("MaxPasswordAge <= " + maxPasswordAgeDays + " (" + p.maxPasswordAge() + ")");
    }
    return out;
  }
}
