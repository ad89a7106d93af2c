package dev.rootguard.password;

import dev.rootguard.InvalidInputException;

/**
 * An account's custom IAM password policy, field for field as {@code iam:GetAccountPasswordPolicy}
 * returns it, with AWS's ranges enforced. Use {@code PasswordPolicy.fromIam(IamPasswordPolicy)} to
 * validate passwords against it.
 *
 * <p>Absent numeric fields are 0: {@code maxPasswordAge == 0} means passwords never expire, {@code
 * passwordReusePrevention == 0} means no reuse check. {@link #expirePasswords()} is derived, as AWS
 * derives it.
 *
 * <pre>{@code
 * IamPasswordPolicy cis = new IamPasswordPolicy(14, true, true, true, true, true, 90, 24, false);
 * // or from what `aws iam get-account-password-policy` printed:
 * IamPasswordPolicy read = IamPasswordPolicy.fromJson(Files.readString(Path.of("policy.json")));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param minimumPasswordLength 6 to 128 ({@code MinimumPasswordLength}; AWS's default is 6)
 * @param requireSymbols {@code RequireSymbols}: one of {@code ! @ # $ % ^ & * ( ) _ + - = [ ] { } |
 *     '}
 * @param requireNumbers {@code RequireNumbers}: one of 0-9
 * @param requireUppercaseCharacters {@code RequireUppercaseCharacters}: one of A-Z
 * @param requireLowercaseCharacters {@code RequireLowercaseCharacters}: one of a-z
 * @param allowUsersToChangePassword {@code AllowUsersToChangePassword}
 * @param maxPasswordAge 1 to 1095 days, or 0 for never ({@code MaxPasswordAge})
 * @param passwordReusePrevention 1 to 24 previous passwords, or 0 for none ({@code
 *     PasswordReusePrevention})
 * @param hardExpiry {@code HardExpiry}: expired passwords need an administrator to reset
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/APIReference/API_PasswordPolicy.html">IAM
 *     PasswordPolicy</a>
 * @since 0.1.0
 */
public record IamPasswordPolicy(
    int minimumPasswordLength,
    boolean requireSymbols,
    boolean requireNumbers,
    boolean requireUppercaseCharacters,
    boolean requireLowercaseCharacters,
    boolean allowUsersToChangePassword,
    int maxPasswordAge,
    int passwordReusePrevention,
    boolean hardExpiry) {

  /** AWS's value of {@code MinimumPasswordLength} when it is omitted. */
  public static final int DEFAULT_MINIMUM_LENGTH = 6;

  /**
   * Checks every field against AWS's ranges.
   *
   * @throws InvalidInputException naming the field (AWS's wire name) that is out of range
   */
  public IamPasswordPolicy {
    if (minimumPasswordLength < 6 || minimumPasswordLength > 128) {
      throw new InvalidInputException(
          "MinimumPasswordLength", "must be 6..128, was " + minimumPasswordLength);
    }
    if (maxPasswordAge < 0 || maxPasswordAge > 1095) {
      throw new InvalidInputException(
          "MaxPasswordAge", "must be 1..1095 days (or absent), was " + maxPasswordAge);
    }
    if (passwordReusePrevention < 0 || passwordReusePrevention > 24) {
      throw new InvalidInputException(
          "PasswordReusePrevention", "must be 1..24 (or absent), was " + passwordReusePrevention);
    }
  }

  /**
   * Parses what {@code aws iam get-account-password-policy} prints, {@code {"PasswordPolicy":
   * {...}}}, or the bare inner object. Strict: a duplicate key, trailing text, a string or fraction
   * where a whole number belongs ({@code "14"}, {@code 24.9}), a number out of AWS's range, or a
   * non-boolean flag is refused. Absent fields take AWS's defaults; unknown fields are ignored.
   *
   * @param json the JSON text (one leading byte order mark is skipped)
   * @return the policy
   * @throws InvalidInputException naming the field (AWS's wire name), or {@code PasswordPolicy}
   *     when the text is not a JSON object
   * @since 0.2.0
   */
  public static IamPasswordPolicy fromJson(String json) {
    java.util.Objects.requireNonNull(json, "json");
    return dev.rootguard.password.internal.IamPolicyJson.parse(json);
  }

  /**
   * Like {@link #fromJson(String)}, reading JSON from a stream (not closed).
   *
   * @param json the JSON
   * @return the policy
   * @throws InvalidInputException naming the field at fault
   * @throws dev.rootguard.RootGuardException when the stream cannot be read
   * @since 0.2.0
   */
  public static IamPasswordPolicy fromJson(java.io.InputStream json) {
    java.util.Objects.requireNonNull(json, "json");
    return dev.rootguard.password.internal.IamPolicyJson.parse(json);
  }

  /**
   * Returns whether passwords expire ({@code ExpirePasswords}), derived as AWS derives it.
   *
   * @return true iff {@link #maxPasswordAge()} is positive
   */
  public boolean expirePasswords() {
    return maxPasswordAge > 0;
  }
}
